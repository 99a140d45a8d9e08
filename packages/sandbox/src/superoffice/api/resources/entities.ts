import { archiveList } from '../archive.js';
import { intParam, jsonBody, type SoRequestContext, type SoResponse } from '../context.js';
import { parseSoDate, storedDateMs } from '../dates.js';
import { ENTITIES, type EntityDescriptor } from '../entities.js';
import { badRequest, notFound, soError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { applyJsonPatch, applyMergePatch } from '../patch.js';
import type { SoRoute } from '../router.js';

/**
 * Entity routes for Contact, Person, Sale and Project (superoffice.md §8.1 endpoint map, §12 semantics, §13
 * concurrency): archive list, `/default`, POST, GET, PUT, PATCH (JSON Patch or merge patch), DELETE, and
 * `/{id}/ForeignKey` (§19). Successful writes answer **200** with the full entity: the spec's status list (§13)
 * has no 201. DELETE answers 204 (§12).
 */

/**
 * `If-Unmodified-Since` (§13): 412 when the record changed after that instant. HTTP dates have whole seconds, so
 * the record's `UpdatedDate` (also whole seconds) is compared at that precision; never-updated records compare
 * their `CreatedDate`.
 */
function checkUnmodifiedSince(context: SoRequestContext, record: JsonObject): void {
  const header = context.headers['if-unmodified-since'];
  if (header === undefined) return;
  const since = Date.parse(header) || parseSoDate(header);
  if (since === undefined || Number.isNaN(since))
    throw badRequest(`If-Unmodified-Since '${header}' is not a date`);
  const changed = storedDateMs(record.UpdatedDate) ?? storedDateMs(record.CreatedDate) ?? 0;
  if (Math.floor(changed / 1000) > Math.floor(since / 1000))
    throw soError(
      412,
      'SoPreconditionFailedException',
      `The record was modified at ${String(record.UpdatedDate)}, after ${header}`,
    );
}

function withForeignKeys(
  context: SoRequestContext,
  descriptor: EntityDescriptor,
  record: JsonObject,
): JsonObject {
  // §12 "GET /{E}/{id}?fk=true loads foreign keys into ExtraFields as app.device.keyname pairs".
  const fk = context.query.get('fk');
  if (fk === null || fk.toLowerCase() !== 'true') return record;
  const keys = context.tenant.foreignKeys.ofRecord(descriptor.table, record[descriptor.pk] as number);
  const extra = { ...(record.ExtraFields as JsonObject | null) };
  for (const key of keys) extra[`${key.AppName}.${key.DeviceName}.${key.Key}`] = key.Value;
  return { ...record, ExtraFields: extra };
}

function existing(
  context: SoRequestContext,
  descriptor: EntityDescriptor,
): { id: number; record: JsonObject } {
  const id = intParam(context, 'id');
  const record = context.tenant.tables[descriptor.name].get(id);
  if (!record) throw notFound(descriptor.name, id);
  return { id, record };
}

function patchDocument(context: SoRequestContext, record: JsonObject): JsonObject {
  const type = (context.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const body = jsonBody(context);
  if (type === 'application/json-patch+json') return applyJsonPatch(record, body);
  if (type === 'application/merge-patch+json') return applyMergePatch(record, body);
  if (type === 'application/json' || type === '')
    return Array.isArray(body) ? applyJsonPatch(record, body) : applyMergePatch(record, body);
  throw soError(
    415,
    'SoUnsupportedMediaTypeException',
    `PATCH takes application/json-patch+json or application/merge-patch+json, not ${type}`,
  );
}

function routesFor(descriptor: EntityDescriptor): SoRoute[] {
  const { name } = descriptor;
  const base = `/v1/${name}`;
  const who = (c: SoRequestContext) => c.principal.associateId;
  const ok = (json: JsonObject): SoResponse => ({ status: 200, json });
  return [
    { method: 'GET', pattern: base, handler: (c) => archiveList(c, descriptor) },
    { method: 'GET', pattern: `${base}/default`, handler: (c) => ok(c.tenant.template(name, who(c))) },
    { method: 'POST', pattern: base, handler: (c) => ok(c.tenant.create(name, jsonBody(c), who(c))) },
    {
      method: 'GET',
      pattern: `${base}/:id`,
      handler: (c) => ok(withForeignKeys(c, descriptor, existing(c, descriptor).record)),
    },
    {
      method: 'PUT',
      pattern: `${base}/:id`,
      handler: (c) => {
        const { id, record } = existing(c, descriptor);
        checkUnmodifiedSince(c, record);
        return ok(c.tenant.update(name, id, jsonBody(c), who(c)));
      },
    },
    {
      method: 'PATCH',
      pattern: `${base}/:id`,
      handler: (c) => {
        const { id, record } = existing(c, descriptor);
        checkUnmodifiedSince(c, record);
        return ok(c.tenant.update(name, id, patchDocument(c, record), who(c)));
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:id`,
      handler: (c) => {
        const { id, record } = existing(c, descriptor);
        checkUnmodifiedSince(c, record);
        c.tenant.delete(name, id, who(c));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:id/ForeignKey`,
      handler: (c) => {
        const { id } = existing(c, descriptor);
        const keys = c.tenant.foreignKeys.ofRecord(descriptor.table, id);
        // §8.1 "GET → {key: value}"; keyed `app.device.keyname` like `?fk=true`, so two apps never collide.
        return ok(Object.fromEntries(keys.map((k) => [`${k.AppName}.${k.DeviceName}.${k.Key}`, k.Value])));
      },
    },
  ];
}

/** Routes of the four entities. */
export const entityRoutes: readonly SoRoute[] = Object.values(ENTITIES).flatMap(routesFor);
