import { z } from 'zod';
import { isSuperOfficeError } from '../../errors/superoffice-error.js';
import type { SuperOfficeTransport } from '../../http/transport.js';
import { parseResponse, validationError } from '../shared/errors.js';
import { encodePathSegment, entityIdSegment } from '../shared/path.js';
import type { RequestOptions } from '../shared/request-options.js';

/** Where foreign keys of one integration live: ForeignApp → ForeignDevice (superoffice.md §19). */
export interface ForeignKeyScope {
  /** The foreign application, e.g. `erp` (the docs' ERP example). */
  readonly app: string;
  /** The device, e.g. one per ERP company. */
  readonly device: string;
  /** The device identifier. */
  readonly deviceIdentifier: string;
}

/** One key of a record, e.g. the ERP id of a contact. */
export interface ForeignKeyRef extends ForeignKeyScope {
  /** The key (sub-key) name, e.g. `erp-id`. */
  readonly keyName: string;
  /** The table, e.g. `contact`, `person`, `project`, `sale`. */
  readonly tableName: string;
  /** The CRM record id. */
  readonly recordId: number;
}

/** A foreign key as read (`ForeignKeyEntity`). */
export interface ForeignKey {
  /** Sub-key name. */
  readonly Key?: string | null | undefined;
  /** The stored value (e.g. the ERP id). */
  readonly Value?: string | null | undefined;
  /** The CRM record. */
  readonly RecordId?: number | null | undefined;
  /** The table. */
  readonly TableName?: string | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** Validates a {@link ForeignKey}. */
export const foreignKeySchema: z.ZodType<ForeignKey> = z.looseObject({
  Key: z.string().nullish(),
  Value: z.string().nullish(),
  RecordId: z.number().nullish(),
  TableName: z.string().nullish(),
});

/** The SuperOffice limit of one foreign-key value row (longer values are chained by `seqno`, §19). */
export const FOREIGN_KEY_VALUE_MAX = 239;

/**
 * Foreign keys (§19): lets a CRM record carry its ERP id. Paths per the REST reference:
 * `/v1/ForeignApp/{app}/{device}/{deviceIdentifier}/Key[/{keyName}/{tableName}/{recordId}[/Value]]`.
 *
 * @example
 * ```ts
 * const ref = { app: 'erp', device: 'erp', deviceIdentifier: 'company-1', keyName: 'erp-id', tableName: 'contact', recordId: 5 };
 * await client.foreignKeys.set(ref, '10000');
 * await client.foreignKeys.getValue(ref); // '10000'
 * ```
 */
export class ForeignKeysResource {
  readonly #transport: SuperOfficeTransport;

  /** @param transport - sends the requests. */
  constructor(transport: SuperOfficeTransport) {
    this.#transport = transport;
  }

  /** Reads one key; `undefined` when it does not exist (404 or an empty answer). */
  async get(ref: ForeignKeyRef, options: RequestOptions = {}): Promise<ForeignKey | undefined> {
    const path = keyPath(ref);
    const body = await this.#getOrMissing(path, options);
    if (body === undefined || body === null) return undefined;
    return parseResponse(foreignKeySchema, body, { request: `GET ${path}`, status: 200 });
  }

  /** Reads one key's value (`…/Value`); `undefined` when it does not exist. */
  async getValue(ref: ForeignKeyRef, options: RequestOptions = {}): Promise<string | undefined> {
    const path = `${keyPath(ref)}/Value`;
    const body = await this.#getOrMissing(path, options);
    if (body === undefined || body === null || body === '') return undefined;
    return parseResponse(z.string(), body, { request: `GET ${path}`, status: 200 });
  }

  /**
   * Stores `value` under the key (`PUT …/Key` with a ForeignKey carrier; UNCERTAIN whether the server upserts on PUT
   * or needs POST for a new key). Values longer than 239 characters are refused.
   */
  async set(
    ref: ForeignKeyRef,
    value: string,
    options: RequestOptions = {},
  ): Promise<ForeignKey | undefined> {
    if (value.length > FOREIGN_KEY_VALUE_MAX) {
      throw validationError(
        `foreign key value must be at most ${FOREIGN_KEY_VALUE_MAX} characters, got ${value.length}`,
      );
    }
    const path = `${scopePath(ref)}/Key`;
    const response = await this.#transport.send({
      method: 'PUT',
      path,
      json: { Key: ref.keyName, Value: value, TableName: ref.tableName, RecordId: ref.recordId },
      signal: options.signal,
    });
    if (response.body === undefined || response.body === null) return undefined;
    return parseResponse(foreignKeySchema, response.body, {
      request: `PUT ${path}`,
      status: response.status,
    });
  }

  /**
   * Finds the CRM records carrying `value` under a key (`GET …/Key?keyName&keyValue&tableName`; the query names are
   * UNCERTAIN). Returns the keys found, usually one.
   */
  async find(
    scope: ForeignKeyScope & { readonly keyName: string; readonly tableName: string },
    value: string,
    options: RequestOptions = {},
  ): Promise<ForeignKey[]> {
    const path = `${scopePath(scope)}/Key`;
    const response = await this.#transport.send({
      method: 'GET',
      path,
      query: { keyName: scope.keyName, keyValue: value, tableName: scope.tableName },
      signal: options.signal,
    });
    if (response.body === undefined || response.body === null) return [];
    return parseResponse(z.array(foreignKeySchema), response.body, {
      request: `GET ${path}`,
      status: response.status,
    });
  }

  /** Deletes one key (`DELETE …/Key/{keyName}/{tableName}/{recordId}`). */
  async delete(ref: ForeignKeyRef, options: RequestOptions = {}): Promise<void> {
    await this.#transport.send({ method: 'DELETE', path: keyPath(ref), signal: options.signal });
  }

  /** All keys of one record as `{key: value}` (`GET /v1/{Entity}/{id}/ForeignKey`). */
  async forRecord(
    entity: 'Contact' | 'Person' | 'Sale' | 'Project' | 'Appointment' | 'Document',
    id: number,
    options: RequestOptions = {},
  ): Promise<Record<string, string>> {
    const path = `/v1/${entity}/${entityIdSegment(id, `${entity} id`)}/ForeignKey`;
    const response = await this.#transport.send({ method: 'GET', path, signal: options.signal });
    if (response.body === undefined || response.body === null) return {};
    return parseResponse(z.record(z.string(), z.string()), response.body, {
      request: `GET ${path}`,
      status: response.status,
    });
  }

  async #getOrMissing(path: string, options: RequestOptions): Promise<unknown> {
    try {
      const response = await this.#transport.send({ method: 'GET', path, signal: options.signal });
      return response.body;
    } catch (error) {
      if (isSuperOfficeError(error, 'not_found')) return undefined;
      throw error;
    }
  }
}

function scopePath(scope: ForeignKeyScope): string {
  return `/v1/ForeignApp/${encodePathSegment(scope.app, 'foreign app')}/${encodePathSegment(scope.device, 'foreign device')}/${encodePathSegment(scope.deviceIdentifier, 'device identifier')}`;
}

function keyPath(ref: ForeignKeyRef): string {
  return `${scopePath(ref)}/Key/${encodePathSegment(ref.keyName, 'key name')}/${encodePathSegment(ref.tableName, 'table name')}/${entityIdSegment(ref.recordId, 'record id')}`;
}
