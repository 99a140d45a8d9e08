export { type ArchiveQuery, type ArchiveQueryParams, archiveQueryParams } from './archive/archive-query.js';
export { type ChangedSinceOptions, changedSince } from './archive/changed-since.js';
export {
  type ArchiveRow,
  type ColumnType,
  type ColumnTypes,
  type ColumnValue,
  coerceCell,
  type NoColumnTypes,
} from './archive/columns.js';
export { and, condition, type Filter, or, rawFilter } from './archive/filter.js';
export {
  type DateOperator,
  type DateTimeOperator,
  FILTER_OPERATORS,
  type FilterOperator,
  type ListOperator,
  type RangeOperator,
  type SingleOperator,
  type UnaryOperator,
} from './archive/filter-operators.js';
export { type FilterValue, quote } from './archive/filter-values.js';
export { DEFAULT_ARCHIVE_PAGE_SIZE, type PaginateArchiveOptions, paginateArchive } from './archive/pager.js';
export type { ArchivePage, Paginated, ToArrayOptions } from './archive/paginated.js';
export { type ArchiveSource, runArchiveQuery } from './archive/run-query.js';
export { type ColumnFilter, where } from './archive/where.js';
export { createResources, type SuperOfficeResources } from './create-resources.js';
export { type Contact, type ContactWrite, contactSchema } from './entities/contact.js';
export type { EntityDefinition } from './entities/entity-definition.js';
export { EntityResource, type GetOptions, type PatchResult } from './entities/entity-resource.js';
export { type Person, type PersonContactRef, type PersonWrite, personSchema } from './entities/person.js';
export { type Project, type ProjectWrite, projectSchema } from './entities/project.js';
export { type Sale, type SaleWrite, saleSchema } from './entities/sale.js';
export {
  type AssociateRef,
  associateRefSchema,
  type CountryRef,
  countryRefSchema,
  type EntityAddress,
  type EntityElement,
  entityElementSchema,
  type ListRef,
  listRefSchema,
} from './entities/shared-schemas.js';
export {
  FOREIGN_KEY_VALUE_MAX,
  type ForeignKey,
  type ForeignKeyRef,
  type ForeignKeyScope,
  ForeignKeysResource,
  foreignKeySchema,
} from './foreign-keys/foreign-keys.js';
export { type CreatePatchOptions, createPatch, testOperations } from './json-patch/create-patch.js';
export { type DiffOptions, diffJsonPatch } from './json-patch/diff.js';
export {
  escapePointerSegment,
  parsePointer,
  toPointer,
  unescapePointerSegment,
  valueAtPointer,
} from './json-patch/pointer.js';
export type {
  JsonPatchAdd,
  JsonPatchOp,
  JsonPatchOperation,
  JsonPatchRemove,
  JsonPatchReplace,
  JsonPatchTest,
} from './json-patch/types.js';
export { type CountryItem, countryItemSchema, type ListItem, listItemSchema } from './lists/list-schemas.js';
export { KNOWN_LISTS, type KnownList, ListsResource } from './lists/lists.js';
export { parseResponse, protocolError, type ResponseOrigin, validationError } from './shared/errors.js';
export type { RequestOptions, TestAssertion, WriteOptions } from './shared/request-options.js';
export {
  type CustomFields,
  isReadOnlyCustomField,
  READ_ONLY_CUSTOM_FIELD_SUFFIXES,
  readCustomField,
  withCustomField,
  writableCustomFields,
} from './udf/custom-fields.js';
export { decodeUdf, encodeUdf, type UdfInput } from './udf/udf-codec.js';
export { UDF_PREFIXES, type UdfType, type UdfValue } from './udf/udf-types.js';
export {
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhooks/verify-signature.js';
export {
  parseWebhookEvent,
  splitWebhookEventName,
  type WebhookEvent,
  webhookEventSchema,
} from './webhooks/webhook-event.js';
