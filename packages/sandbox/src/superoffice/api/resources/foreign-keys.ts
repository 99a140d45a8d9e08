import { intParam, jsonBody, type SoRequestContext, type SoResponse } from '../context.js';
import { formatSoDate } from '../dates.js';
import { entityByTable } from '../entities.js';
import { badRequest, notFound } from '../errors.js';
import type { ForeignKeyAddress, StoredForeignKey } from '../foreign-keys.js';
import { findKey, isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { SoRoute } from '../router.js';

/**
 * Foreign keys (superoffice.md §19 "REST"):
 * - `GET/PUT/POST /v1/ForeignApp/{app}/{device}/{deviceIdentifier}/Key`: list a device's keys; save one
 *   (`ForeignKeyEntity {Key, Value, TableName, RecordId}` body; PUT and POST both upsert).
 * - `…/Key/{keyName}/{tableName}/{recordId}`: GET one key, PUT its value (entity or JSON string), DELETE it.
 * - `…/Key/{keyName}/{tableName}/{recordId}/Value`: GET the value as a JSON string.
 * Tables: contact, person, sale, project (the entities the stand-in serves; §19 also lists associate, document and
 * appointment). The record must exist.
 */

const DEVICE = '/v1/ForeignApp/:app/:device/:deviceIdentifier/Key';

function toJson(key: StoredForeignKey): JsonObject {
  return { ...key };
}

function checkRecord(context: SoRequestContext, table: string, recordId: number): void {
  const descriptor = entityByTable(table);
  if (!descriptor)
    throw badRequest(`Foreign keys are kept on contact, person, sale or project, not '${table}'`);
  if (!context.tenant.tables[descriptor.name].peek(recordId)) throw notFound(descriptor.name, recordId);
}

function address(context: SoRequestContext, key: string, table: string, recordId: number): ForeignKeyAddress {
  const { app = '', device = '', deviceIdentifier = '' } = context.params;
  return { app, device, deviceIdentifier, key, table: table.toLowerCase(), recordId };
}

function fromPath(context: SoRequestContext): ForeignKeyAddress {
  return address(
    context,
    context.params.keyName ?? '',
    context.params.tableName ?? '',
    intParam(context, 'recordId'),
  );
}

function field(body: JsonObject, name: string): JsonValue | undefined {
  return body[findKey(body, name) ?? name];
}

function value(raw: JsonValue | undefined): string {
  if (typeof raw !== 'string') throw badRequest('A foreign key Value must be a string');
  return raw;
}

function saveFromBody(context: SoRequestContext): SoResponse {
  const body = jsonBody(context);
  if (!isJsonObject(body)) throw badRequest('Send a ForeignKeyEntity {Key, Value, TableName, RecordId}');
  const key = field(body, 'Key');
  const table = field(body, 'TableName');
  const recordId = field(body, 'RecordId');
  if (typeof key !== 'string' || key === '') throw badRequest('ForeignKeyEntity.Key is mandatory');
  if (typeof table !== 'string') throw badRequest('ForeignKeyEntity.TableName is mandatory');
  if (typeof recordId !== 'number' || !Number.isInteger(recordId))
    throw badRequest('ForeignKeyEntity.RecordId is mandatory');
  checkRecord(context, table, recordId);
  const saved = context.tenant.foreignKeys.save(
    address(context, key, table, recordId),
    value(field(body, 'Value')),
    formatSoDate(Date.now()),
  );
  return { status: 200, json: toJson(saved.key) };
}

function found(context: SoRequestContext): StoredForeignKey {
  const at = fromPath(context);
  checkRecord(context, at.table, at.recordId);
  const key = context.tenant.foreignKeys.find(at);
  if (!key) throw notFound('ForeignKey', `${at.app}/${at.device}/${at.key}/${at.table}/${at.recordId}`);
  return key;
}

/** Foreign-key routes. */
export const foreignKeyRoutes: readonly SoRoute[] = [
  {
    method: 'GET',
    pattern: DEVICE,
    handler: (c) => {
      const { app = '', device = '', deviceIdentifier = '' } = c.params;
      return { status: 200, json: c.tenant.foreignKeys.list(app, device, deviceIdentifier).map(toJson) };
    },
  },
  { method: 'POST', pattern: DEVICE, handler: saveFromBody },
  { method: 'PUT', pattern: DEVICE, handler: saveFromBody },
  {
    method: 'GET',
    pattern: `${DEVICE}/:keyName/:tableName/:recordId`,
    handler: (c) => ({ status: 200, json: toJson(found(c)) }),
  },
  {
    method: 'GET',
    pattern: `${DEVICE}/:keyName/:tableName/:recordId/Value`,
    handler: (c) => ({ status: 200, json: found(c).Value }),
  },
  {
    method: 'PUT',
    pattern: `${DEVICE}/:keyName/:tableName/:recordId`,
    handler: (c) => {
      const at = fromPath(c);
      checkRecord(c, at.table, at.recordId);
      const body = jsonBody(c);
      const raw = isJsonObject(body) ? field(body, 'Value') : body;
      const saved = c.tenant.foreignKeys.save(at, value(raw), formatSoDate(Date.now()));
      return { status: 200, json: toJson(saved.key) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${DEVICE}/:keyName/:tableName/:recordId`,
    handler: (c) => {
      found(c);
      c.tenant.foreignKeys.delete(fromPath(c));
      return { status: 204 };
    },
  },
];
