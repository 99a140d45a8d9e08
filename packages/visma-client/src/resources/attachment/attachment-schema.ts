import { z } from 'zod';
import { optionalNumber, optionalText } from '../shared-schemas.js';

/** An uploaded attachment (`AttachmentDto {name, id, revision}`, visma-net.md §7.6); only `id` is required. */
export interface Attachment {
  /** Attachment id, for `GET /attachment/{id}`. */
  readonly id: string;
  /** File name. */
  readonly name?: string | null | undefined;
  /** Revision: uploading the same file name again adds one. */
  readonly revision?: number | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates an {@link Attachment}. */
export const attachmentSchema: z.ZodType<Attachment> = z.looseObject({
  id: z.string(),
  name: optionalText,
  revision: optionalNumber,
});
