import { z } from 'zod';
import { optionalText } from '../shared-schemas.js';

/** A customer class as read (`CustomerClassDto`, visma-net.md §7.1); only `id` is required. */
export interface CustomerClass {
  /** Class id, used as `customerClassId` when writing a customer. */
  readonly id: string;
  /** Description. */
  readonly description?: string | null | undefined;
  /** Default tax zone. */
  readonly taxZoneId?: string | null | undefined;
  /** Default payment method. */
  readonly paymentMethodId?: string | null | undefined;
  /** Fields this client does not model (e.g. `attributes`), kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link CustomerClass}. */
export const customerClassSchema: z.ZodType<CustomerClass> = z.looseObject({
  id: z.string(),
  description: optionalText,
  taxZoneId: optionalText,
  paymentMethodId: optionalText,
});
