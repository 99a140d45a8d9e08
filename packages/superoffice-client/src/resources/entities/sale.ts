import { z } from 'zod';
import type { CustomFields } from '../udf/custom-fields.js';
import {
  commonEntityFields,
  type ListRef,
  listRefSchema,
  optionalNumber,
  optionalText,
} from './shared-schemas.js';

/** A sale as read (`SaleEntity`, superoffice.md §9); only `SaleId` is required. */
export interface Sale {
  /** Primary key. */
  readonly SaleId: number;
  /** Heading. */
  readonly Heading?: string | null | undefined;
  /** Sale number. */
  readonly Number?: string | null | undefined;
  /** Amount. */
  readonly Amount?: number | null | undefined;
  /** Probability in percent. */
  readonly Probability?: number | null | undefined;
  /** Expected or actual sale date. */
  readonly Saledate?: string | null | undefined;
  /** `Unknown`, `Open`, `Sold`, `Lost`, `Stalled` or `SaintAll` (a string enum, §24 item 5). */
  readonly Status?: string | null | undefined;
  /** The company. */
  readonly Contact?: Readonly<Record<string, unknown>> | null | undefined;
  /** The person. */
  readonly Person?: Readonly<Record<string, unknown>> | null | undefined;
  /** Sale type (list reference). */
  readonly SaleType?: ListRef | null | undefined;
  /** Creation time. */
  readonly CreatedDate?: string | null | undefined;
  /** Last update. */
  readonly UpdatedDate?: string | null | undefined;
  /** UDFs and extra fields. */
  readonly CustomFields?: CustomFields | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Sale}. */
export const saleSchema: z.ZodType<Sale> = z.looseObject({
  SaleId: z.number().int(),
  Heading: optionalText,
  Number: optionalText,
  Amount: optionalNumber,
  Probability: optionalNumber,
  Saledate: optionalText,
  Status: optionalText,
  Contact: z.looseObject({}).nullish(),
  Person: z.looseObject({}).nullish(),
  SaleType: listRefSchema.nullish(),
  ...commonEntityFields,
});

/** Fields to set when creating or changing a sale. */
export interface SaleWrite {
  /** Heading. */
  readonly Heading?: string;
  /** Amount. */
  readonly Amount?: number;
  /** Sale date. */
  readonly Saledate?: string;
  /** Status. */
  readonly Status?: string;
  /** The company, by id. */
  readonly Contact?: {
    /** Id of the company (contact) the sale is for. */
    readonly ContactId: number;
  };
  /** UDF and extra-field values by ProgId, already encoded. */
  readonly CustomFields?: Readonly<Record<string, string>>;
  /** Any other entity field. */
  readonly [field: string]: unknown;
}
