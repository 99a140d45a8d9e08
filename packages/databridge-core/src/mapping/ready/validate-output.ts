import type { z } from 'zod';
import type { FieldError } from '../context.js';
import { formatSpecPath } from '../parse-spec.js';
import {
  superOfficeContactWriteSchema,
  superOfficePersonWriteSchema,
  superOfficeSaleWriteSchema,
  vismaContactCreateSchema,
  vismaCustomerCreateSchema,
} from './write-schemas.js';

/** The write targets a mapping output can be checked against. */
export type MappingTarget =
  | 'visma.customer'
  | 'visma.contact'
  | 'superoffice.contact'
  | 'superoffice.person'
  | 'superoffice.sale';

/** The write schema of each {@link MappingTarget}. */
export const WRITE_SCHEMAS: Readonly<Record<MappingTarget, z.ZodType>> = {
  'visma.customer': vismaCustomerCreateSchema,
  'visma.contact': vismaContactCreateSchema,
  'superoffice.contact': superOfficeContactWriteSchema,
  'superoffice.person': superOfficePersonWriteSchema,
  'superoffice.sale': superOfficeSaleWriteSchema,
};

/** Checks a mapping output against the target's write schema before any write; `[]` when it is valid. */
export function validateOutput(target: MappingTarget, output: unknown): FieldError[] {
  const result = WRITE_SCHEMAS[target].safeParse(output);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: formatSpecPath(issue.path) || '(record)',
    message: issue.message,
  }));
}
