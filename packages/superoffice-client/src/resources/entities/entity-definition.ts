import type { z } from 'zod';

/** What an {@link EntityResource} needs to know about one entity type. */
export interface EntityDefinition<Read extends object> {
  /** The REST entity name, e.g. `Contact` (paths `/v1/Contact…`). */
  readonly entity: string;
  /** The archive provider's primary-key column, e.g. `contactId` (always in `$orderby`). */
  readonly primaryKey: string;
  /** The read schema of one record. */
  readonly schema: z.ZodType<Read>;
}
