import { associateRef, type CarrierResolver, countryRef, structuredAddress } from './carriers.js';
import { customBags, normaliseCustomFields } from './custom-fields.js';
import { formatSoDate, MIN_DATE } from './dates.js';
import type { EntityDescriptor } from './entities.js';
import { badRequest } from './errors.js';
import { normaliseField } from './fields.js';
import { findKey, isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * Building stored entities: the `/default` template (superoffice.md §12 "fills in preference-derived defaults, like
 * clicking New") and the entity a write produces (POST, PUT full replace, the patched document of a PATCH).
 */

/** Default country of new records: the stand-in tenants are Norwegian (578). */
export const DEFAULT_COUNTRY_ID = 578;

function defaultValue(descriptor: EntityDescriptor, field: EntityDescriptor['fields'][number]): JsonValue {
  const { type } = field;
  switch (type.kind) {
    case 'pk':
    case 'int':
    case 'number':
      return 0;
    case 'text':
      return '';
    case 'bool':
      return false;
    case 'elements':
    case 'json':
      return [];
    case 'address':
      return {
        Street: structuredAddress(),
        Postal: structuredAddress(),
        Formatted: '',
        Wgs84Latitude: 0,
        Wgs84Longitude: 0,
      };
    case 'enum':
      return descriptor.name === 'Sale' ? (type.values[1] ?? null) : (type.values[0] ?? null);
    case 'server':
      return field.name.endsWith('Date') ? MIN_DATE : field.name === 'FullName' ? '' : null;
    default:
      return null;
  }
}

/**
 * The blank entity of `GET /{E}/default`: empty values, country Norway, "our contact" = the caller, empty custom
 * fields, sale date today and status Open.
 */
export function templateEntity(
  descriptor: EntityDescriptor,
  resolver: CarrierResolver,
  associateId: number,
  now: number,
): JsonObject {
  const entity: JsonObject = {};
  for (const field of descriptor.fields) entity[field.name] = defaultValue(descriptor, field);
  if ('Country' in entity) entity.Country = countryRef(DEFAULT_COUNTRY_ID) ?? null;
  if ('Associate' in entity && associateId !== 0)
    entity.Associate = associateRef(resolver, associateId) ?? null;
  if (descriptor.name === 'Sale') entity.Saledate = formatSoDate(now);
  if (descriptor.name === 'Project') entity.StartDate = formatSoDate(now);
  const custom = Object.fromEntries([...descriptor.udfs, ...descriptor.extras].map((d) => [d.key, '']));
  Object.assign(entity, customBags(custom, descriptor.udfs, descriptor.extras));
  entity.TableRight = { Mask: 'Delete', Reason: '' };
  return entity;
}

/** Who writes when, for the server-managed stamps. */
export interface WriteStamp {
  /** Epoch ms of the write. */
  readonly now: number;
  /** The caller's associate id (0: system user). */
  readonly associateId: number;
  /**
   * Whether a create also sets `UpdatedDate`/`UpdatedBy`. superoffice.md §14/§25.5: UNCERTAIN upstream; the
   * stand-in's default is `false`, so clients must filter `registeredDate … or updatedDate …`.
   */
  readonly updatedOnCreate: boolean;
}

/**
 * The stored entity a write produces. `previous` is the stored record (absent on create); fields absent from
 * `input` take the template's value (PUT replaces the whole entity, §12), server-managed fields keep `previous`.
 */
export function buildEntity(
  descriptor: EntityDescriptor,
  input: JsonValue,
  previous: JsonObject | undefined,
  resolver: CarrierResolver,
  write: WriteStamp,
): JsonObject {
  if (!isJsonObject(input)) throw badRequest(`The body must be a ${descriptor.name} object`);
  const template = templateEntity(descriptor, resolver, 0, write.now);
  const entity: JsonObject = {};
  for (const field of descriptor.fields) {
    const key = findKey(input, field.name);
    const value = key === undefined ? (template[field.name] ?? null) : (input[key] ?? null);
    entity[field.name] = normaliseField(field, value, previous?.[field.name], resolver);
  }
  const custom = normaliseCustomFields(input, previous, descriptor.udfs, descriptor.extras);
  Object.assign(entity, customBags(custom, descriptor.udfs, descriptor.extras));
  entity.TableRight = { Mask: 'Delete', Reason: '' };
  if (descriptor.name === 'Person') {
    const names = ['Firstname', 'MiddleName', 'Lastname'].map((k) => entity[k]).filter((v) => v !== '');
    if (!entity.Firstname && !entity.Lastname) throw badRequest('A person needs a Firstname or a Lastname');
    entity.FullName = names.join(' ');
  }
  const by = associateRef(resolver, write.associateId) ?? null;
  const stampText = formatSoDate(write.now);
  if (!previous) {
    entity.CreatedDate = stampText;
    entity.CreatedBy = by;
    entity.UpdatedDate = write.updatedOnCreate ? stampText : MIN_DATE;
    entity.UpdatedBy = write.updatedOnCreate ? by : null;
  } else {
    entity.UpdatedDate = stampText;
    entity.UpdatedBy = by;
  }
  return entity;
}
