import { z } from 'zod';
import type { CustomFields } from '../udf/custom-fields.js';
import {
  commonEntityFields,
  type ListRef,
  listRefSchema,
  optionalFlag,
  optionalText,
} from './shared-schemas.js';

/** A project as read (`ProjectEntity`, superoffice.md §9); only `ProjectId` and `Name` are required. */
export interface Project {
  /** Primary key. */
  readonly ProjectId: number;
  /** Name. */
  readonly Name: string;
  /** Project number (the ERP project key in simple integrations, §19). */
  readonly ProjectNumber?: string | null | undefined;
  /** Status (list reference). */
  readonly ProjectStatus?: ListRef | null | undefined;
  /** Type (list reference). */
  readonly ProjectType?: ListRef | null | undefined;
  /** Start date. */
  readonly StartDate?: string | null | undefined;
  /** End date. */
  readonly EndDate?: string | null | undefined;
  /** Whether the project is completed. */
  readonly Completed?: boolean | null | undefined;
  /** Description. */
  readonly Description?: string | null | undefined;
  /** Creation time. */
  readonly CreatedDate?: string | null | undefined;
  /** Last update. */
  readonly UpdatedDate?: string | null | undefined;
  /** UDFs and extra fields. */
  readonly CustomFields?: CustomFields | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Project}. */
export const projectSchema: z.ZodType<Project> = z.looseObject({
  ProjectId: z.number().int(),
  Name: z.string(),
  ProjectNumber: optionalText,
  ProjectStatus: listRefSchema.nullish(),
  ProjectType: listRefSchema.nullish(),
  StartDate: optionalText,
  EndDate: optionalText,
  Completed: optionalFlag,
  Description: optionalText,
  ...commonEntityFields,
});

/** Fields to set when creating or changing a project. */
export interface ProjectWrite {
  /** Name. */
  readonly Name?: string;
  /** Project number. */
  readonly ProjectNumber?: string;
  /** Status, by list item id. */
  readonly ProjectStatus?: {
    /** Id of a ProjectStatus list item. */
    readonly Id: number;
  };
  /** Type, by list item id. */
  readonly ProjectType?: {
    /** Id of a ProjectType list item. */
    readonly Id: number;
  };
  /** End date. */
  readonly EndDate?: string;
  /** UDF and extra-field values by ProgId, already encoded. */
  readonly CustomFields?: Readonly<Record<string, string>>;
  /** Any other entity field. */
  readonly [field: string]: unknown;
}
