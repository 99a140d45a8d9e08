import { z } from 'zod';
import type { SuperOfficeTransport } from '../../http/transport.js';
import type { ArchiveQuery } from '../archive/archive-query.js';
import { type ChangedSinceOptions, changedSince } from '../archive/changed-since.js';
import type { ArchiveRow, ColumnTypes, NoColumnTypes } from '../archive/columns.js';
import { and, rawFilter } from '../archive/filter.js';
import type { Paginated } from '../archive/paginated.js';
import { runArchiveQuery } from '../archive/run-query.js';
import { createPatch } from '../json-patch/create-patch.js';
import type { JsonPatchOperation } from '../json-patch/types.js';
import { parseResponse } from '../shared/errors.js';
import { formatHttpDate } from '../shared/http-date.js';
import { deepMerge } from '../shared/objects.js';
import { entityIdSegment } from '../shared/path.js';
import type { RequestOptions, WriteOptions } from '../shared/request-options.js';
import { isReadOnlyCustomField } from '../udf/custom-fields.js';
import type { EntityDefinition } from './entity-definition.js';

/** Options of {@link EntityResource.get}. */
export interface GetOptions extends RequestOptions {
  /** Adds `?fk=true`: foreign keys are loaded into `ExtraFields` as `app.device.keyname` pairs (§12). */
  readonly foreignKeys?: boolean | undefined;
}

/** What a PATCH did. */
export interface PatchResult<Read> {
  /** The operations sent; empty when nothing changed and no request was made. */
  readonly operations: readonly JsonPatchOperation[];
  /** The record the server answered with; `undefined` when nothing was sent or the answer had no body. */
  readonly record: Read | undefined;
}

/** Top-level fields that are read-only metadata and never go into a patch. */
const READ_ONLY_FIELDS = new Set(['_Links', 'TableRight', 'FieldProperties']);
const templateSchema = z.looseObject({});

/**
 * One major entity (Contact, Person, Sale, Project) of superoffice.md §8.1: single-record CRUD with the documented
 * write semantics (§12, §13) and archive queries over its list endpoint (§14).
 */
export class EntityResource<Read extends object, Write extends object> {
  readonly #transport: SuperOfficeTransport;
  readonly #definition: EntityDefinition<Read>;

  /** @param transport - sends the requests; `definition` names the entity, its archive key and its schema. */
  constructor(transport: SuperOfficeTransport, definition: EntityDefinition<Read>) {
    this.#transport = transport;
    this.#definition = definition;
  }

  /** Reads one record (`GET /v1/{E}/{id}`). */
  async get(id: number, options: GetOptions = {}): Promise<Read> {
    const path = this.#path(id);
    const response = await this.#transport.send({
      method: 'GET',
      path,
      query: options.foreignKeys === true ? { fk: true } : undefined,
      signal: options.signal,
    });
    return parseResponse(this.#definition.schema, response.body, {
      request: `GET ${path}`,
      status: response.status,
    });
  }

  /** Reads the preference-filled template of a new record (`GET /v1/{E}/default`). */
  async template(options: RequestOptions = {}): Promise<Record<string, unknown>> {
    const path = `/v1/${this.#definition.entity}/default`;
    const response = await this.#transport.send({ method: 'GET', path, signal: options.signal });
    return parseResponse(templateSchema, response.body, { request: `GET ${path}`, status: response.status });
  }

  /**
   * Creates a record the documented way (§12): `GET /v1/{E}/default`, merge `fields` into that template (nested
   * objects merged, arrays replaced), then `POST /v1/{E}`. There is no idempotency key: look up before retrying.
   */
  async create(fields: Write, options: RequestOptions = {}): Promise<Read> {
    const template = await this.template(options);
    const path = `/v1/${this.#definition.entity}`;
    const response = await this.#transport.send({
      method: 'POST',
      path,
      json: deepMerge(template, fields),
      signal: options.signal,
    });
    return parseResponse(this.#definition.schema, response.body, {
      request: `POST ${path}`,
      status: response.status,
    });
  }

  /**
   * Changes the given fields: reads the current record, merges `changes` into it, and PATCHes only the paths that
   * differ (§12). Nothing is sent when nothing differs.
   */
  async update(id: number, changes: Write, options: WriteOptions = {}): Promise<PatchResult<Read>> {
    const before = await this.get(id, options);
    return this.patch(id, before, deepMerge(before, changes), options);
  }

  /**
   * PATCHes the difference between `before` (the record as you read it) and `after` as JSON Patch, with optional
   * `test` operations (409 on mismatch) and `If-Unmodified-Since` (412): both surface as `conflict` errors.
   */
  async patch(
    id: number,
    before: object,
    after: object,
    options: WriteOptions = {},
  ): Promise<PatchResult<Read>> {
    const path = this.#path(id);
    const operations = createPatch(before, after, { test: options.test, ignore: isReadOnlyPath });
    if (operations.length === 0) return { operations, record: undefined };
    const response = await this.#transport.send({
      method: 'PATCH',
      path,
      json: operations,
      headers: unmodifiedSinceHeader(options),
      signal: options.signal,
    });
    const record =
      response.body === undefined || response.body === null
        ? undefined
        : parseResponse(this.#definition.schema, response.body, {
            request: `PATCH ${path}`,
            status: response.status,
          });
    return { operations, record };
  }

  /** Deletes a record (`DELETE /v1/{E}/{id}`, 204). Companies deleted this way may be soft-deleted (§12). */
  async delete(id: number, options: Omit<WriteOptions, 'test'> = {}): Promise<void> {
    await this.#transport.send({
      method: 'DELETE',
      path: this.#path(id),
      headers: unmodifiedSinceHeader(options),
      signal: options.signal,
    });
  }

  /**
   * Runs an archive query over `GET /v1/{E}` (§14), paged with `$orderby=<pk>` + `$top`/`$skip` (§24 item 9).
   *
   * @example
   * ```ts
   * const rows = client.contacts.query({
   *   select: ['contactId', 'name', 'updatedDate'],
   *   types: { updatedDate: 'datetime' },
   *   filter: where('name').begins('Acme'),
   * });
   * for await (const row of rows) console.log(row.contactId, row.name);
   * ```
   */
  query<const Column extends string, const Types extends ColumnTypes<Column> = NoColumnTypes>(
    query: ArchiveQuery<Column, Types>,
  ): Paginated<ArchiveRow<Column, Types>> {
    const { entity, primaryKey } = this.#definition;
    return runArchiveQuery(this.#transport, { path: `/v1/${entity}`, primaryKey }, query);
  }

  /**
   * {@link EntityResource.query} restricted to records changed since `since` (§24 item 10), and'ed with `query.filter` if given:
   * `updatedDate afterTime W or registeredDate afterTime W`, W = `since` − `overlapMs`.
   */
  changedSince<const Column extends string, const Types extends ColumnTypes<Column> = NoColumnTypes>(
    since: Date,
    query: ArchiveQuery<Column, Types> & ChangedSinceOptions,
  ): Paginated<ArchiveRow<Column, Types>> {
    const changed = changedSince(since, query);
    const filter =
      query.filter === undefined
        ? changed
        : and(typeof query.filter === 'string' ? rawFilter(query.filter) : query.filter, changed);
    return this.query({ ...query, filter });
  }

  #path(id: number): string {
    return `/v1/${this.#definition.entity}/${entityIdSegment(id, `${this.#definition.entity} id`)}`;
  }
}

function isReadOnlyPath(segments: readonly string[]): boolean {
  const [first, second] = segments;
  if (first !== undefined && segments.length === 1 && READ_ONLY_FIELDS.has(first)) return true;
  return first === 'CustomFields' && second !== undefined && isReadOnlyCustomField(second);
}

function unmodifiedSinceHeader(options: WriteOptions): Record<string, string> | undefined {
  return options.ifUnmodifiedSince === undefined
    ? undefined
    : { 'If-Unmodified-Since': formatHttpDate(options.ifUnmodifiedSince) };
}
