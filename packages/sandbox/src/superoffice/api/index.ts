export type {
  ArchiveColumn as SuperOfficeArchiveColumn,
  ColumnType as SuperOfficeColumnType,
} from './columns.js';
export type {
  CustomFieldDef as SuperOfficeCustomFieldDef,
  CustomFieldType as SuperOfficeCustomFieldType,
} from './custom-fields.js';
export { SuperOfficeApiData } from './data.js';
export {
  ENTITIES as SUPEROFFICE_ENTITIES,
  type EntityDescriptor as SuperOfficeEntityDescriptor,
  type EntityName as SuperOfficeEntityName,
} from './entities.js';
export { EntityTable as SuperOfficeEntityTable } from './entity-table.js';
export type { SuperOfficeErrorBody } from './errors.js';
export {
  ForeignKeyStore as SuperOfficeForeignKeyStore,
  type StoredForeignKey as SuperOfficeForeignKey,
} from './foreign-keys.js';
export { SuperOfficeApiHttpError } from './http-error.js';
export type { JsonObject as SuperOfficeJsonObject, JsonValue as SuperOfficeJsonValue } from './json.js';
export {
  COUNTRIES as SUPEROFFICE_COUNTRIES,
  LISTS as SUPEROFFICE_LISTS,
  type SoCountry as SuperOfficeCountry,
  type SoListItem as SuperOfficeListItem,
} from './lists.js';
export {
  type SuperOfficeApiFaults,
  type SuperOfficeApiOptions,
  type SuperOfficeApiServer,
  type SuperOfficeWebhookRouter,
  startSuperOfficeApi,
} from './start-superoffice-api.js';
export {
  SuperOfficeTenantData,
  type TenantWriteSettings as SuperOfficeTenantWriteSettings,
} from './tenant-data.js';
