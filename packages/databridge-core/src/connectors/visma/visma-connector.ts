import {
  type ContactCreate,
  type ContactUpdate,
  type CreateResult,
  type CustomerCreate,
  type CustomerUpdate,
  contactSchema,
  customerInvoiceSchema,
  customerSchema,
  lastModifiedFilter,
  normalizeEtag,
  type Page,
  paginate,
  parseResponse,
  type QueryValue,
  type UpdateResult,
  type VismaClient,
} from '@databridge/visma-client';
import type { z } from 'zod';
import { vismaContactCreateSchema, vismaCustomerCreateSchema } from '../../mapping/ready/write-schemas.js';
import type { JsonValue } from '../../model/json.js';
import type {
  ChangePage,
  Connector,
  ConnectorCallOptions,
  ConnectorRecord,
  EntityDescription,
  MatchCriteria,
  ReadChangesOptions,
  UpdateOptions,
  WriteResult,
} from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import type { CountingFetch } from '../counting-fetch.js';
import { matchesAll, toConnectorRecord, unlessNotFound, writeIssues } from './visma-records.js';

/** Options of {@link createVismaConnector}. */
export interface VismaConnectorOptions {
  /** The client of the company to sync. */
  readonly client: VismaClient;
  /**
   * The counting `fetch` the client was created with, so {@link Connector.apiCalls} can report every request; without
   * it the connector has no `apiCalls`.
   */
  readonly calls?: CountingFetch | undefined;
  /**
   * IANA time zone in which `since` is written into `lastModifiedDateTime` filters (default `UTC`, as the client).
   * Which zone Visma.net compares in is UNCERTAIN (visma-net.md §6): the engine's overlap covers a small skew.
   */
  readonly timeZone?: string | undefined;
}

/** The cursor of a Visma change read: page `page` (1-based, of `pageSize` records) has been delivered. */
export interface VismaChangeCursor {
  /** The last page delivered. */
  readonly page: number;
  /** The page size the read used; a resumed read must use the same one. */
  readonly pageSize: number;
}

/** Page size of change reads when the engine gives no hint (visma-net.md §6, the documented example). */
const DEFAULT_PAGE_SIZE = 500;

type VismaItem = Readonly<Record<string, unknown>>;

/** What differs between the Visma entities. */
interface EntitySpec {
  readonly description: EntityDescription;
  /** The collection path, e.g. `/customer`. */
  readonly path: string;
  /** The client's read schema of one record. */
  readonly schema: z.ZodType<object>;
  /** The stable key of a record. */
  readonly keyOf: (record: VismaItem) => string;
  /** Criteria paths the list endpoint filters on, and the query parameter each becomes (exact matches). */
  readonly serverFilters: Readonly<Record<string, string>>;
  /** A criterion answered by a single GET (`number` of a customer), 404 meaning no match. */
  readonly lookup?: { readonly path: string; readonly get: GetOne } | undefined;
  /** Reads one record by key. */
  readonly get: GetOne;
  /** Creates a record and reads it back. */
  readonly create?: ((payload: object, signal: AbortSignal | undefined) => Promise<VismaItem>) | undefined;
  /** PUTs the changes with `If-Match`. */
  readonly update?:
    | ((
        key: string,
        changes: object,
        ifMatch: string | undefined,
        signal: AbortSignal | undefined,
      ) => Promise<UpdateResult>)
    | undefined;
}

type GetOne = (value: string, signal: AbortSignal | undefined) => Promise<VismaItem>;

/**
 * The built-in Visma.net connector over a `VismaClient`: entities `customer` (key `internalId`), `contact`
 * (key `contactId`) and the read-only `customerInvoice` (key `referenceNumber`, the invoice number). Errors of the
 * client (`VismaError`, with `kind`, `remedy` and `retryAfterMs`) propagate unchanged; a 404 on a read is
 * `undefined`. Visma.net records no user per change, so records carry no `modifiedBy`.
 *
 * @example
 * ```ts
 * const calls = countingFetch();
 * const client = createVismaClient({ auth, connection, fetch: calls.fetch });
 * const visma = createVismaConnector({ client, calls });
 * const [acme] = await visma.find('customer', { corporateId: '999999999' });
 * ```
 */
export function createVismaConnector(options: VismaConnectorOptions): Connector {
  const { client, calls } = options;
  const timeZone = options.timeZone ?? 'UTC';
  const entities = vismaEntities(client);

  const entity = (name: string): EntitySpec => {
    const found = entities.get(name);
    if (found) return found;
    throw new ConnectorError('validation', `Visma has no entity ${JSON.stringify(name)}`, {
      remedy: `Use one of ${[...entities.keys()].join(', ')}.`,
    });
  };

  /** All pages of `GET path?query`, from `firstPage` on; the pager's stop rule follows visma-net.md §6. */
  const pages = (
    spec: EntitySpec,
    query: Readonly<Record<string, QueryValue>>,
    pageSize: number,
    firstPage: number,
    signal: AbortSignal | undefined,
  ): AsyncIterable<Page<object>> =>
    paginate<object>({
      request: `GET ${spec.path}`,
      pageSize,
      firstPage,
      fetchPage: (page) =>
        client.request({
          method: 'GET',
          path: spec.path,
          query: { ...query, pageNumber: page.pageNumber, pageSize: page.pageSize },
          signal,
        }),
      parseItem: (item, origin) => parseResponse(spec.schema, item, origin),
    }).pages();

  const record = (spec: EntitySpec, item: object): ConnectorRecord =>
    toConnectorRecord(spec.keyOf(item as VismaItem), item);

  const connector: Connector = {
    system: 'visma',
    describe: () => [...entities.values()].map((spec) => spec.description),

    async *readChanges(name: string, read: ReadChangesOptions = {}): AsyncIterable<ChangePage> {
      const spec = entity(name);
      const resume = parseCursor(read.after);
      const pageSize = resume?.pageSize ?? read.pageSize ?? DEFAULT_PAGE_SIZE;
      // visma-net.md §6 incremental recipe: `lastModifiedDateTime` with condition `>=` (the engine already took off
      // its overlap), in the stable order the API lists records (ascending internal id, §6).
      const query = read.since ? lastModifiedFilter(read.since, { condition: '>=', timeZone }) : {};
      // The cursor is the page number (§6 paging has no keyset). Resuming at the next page cannot skip a record: the
      // set only grows while a read runs (a new record sorts last; a record changed during the read was either in
      // the set already and keeps its place, or joins it at its place and pushes later records one page on, so a
      // record at a page edge is read twice, never missed). Only a deletion could shift records back, and the
      // engine's next run (with its overlap) reads anything changed meanwhile.
      for await (const page of pages(spec, query, pageSize, (resume?.page ?? 0) + 1, read.signal)) {
        const cursor: VismaChangeCursor = { page: page.pageNumber, pageSize };
        yield { records: page.items.map((item) => record(spec, item)), cursor: { ...cursor } };
      }
    },

    async read(name: string, key: string, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      const item = await unlessNotFound(() => spec.get(key, call.signal));
      return item === undefined ? undefined : record(spec, item);
    },

    async find(name: string, criteria: MatchCriteria, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      const entries = Object.entries(criteria);
      if (entries.length === 0) {
        throw new ConnectorError('validation', `find(${name}) needs at least one criterion`);
      }
      let candidates: object[] = [];
      const { lookup } = spec;
      const lookedUp = lookup && criteria[lookup.path];
      if (lookup && lookedUp !== undefined) {
        // §7.1: `GET /customer/{number}`; a 404 means no customer has that number.
        const found = await unlessNotFound(() => lookup.get(String(lookedUp).trim(), call.signal));
        if (found) candidates = [found];
      } else {
        // The list filters are exact matches (§7.1–7.3); every criterion is checked again below, trimmed and
        // case-insensitively, and those without a server filter only there (a full scan when none has one).
        const query: Record<string, string> = {};
        for (const [path, value] of entries) {
          const parameter = spec.serverFilters[path];
          if (parameter !== undefined) query[parameter] = String(value).trim();
        }
        for await (const page of pages(spec, query, DEFAULT_PAGE_SIZE, 1, call.signal))
          candidates.push(...page.items);
      }
      return candidates.filter((item) => matchesAll(item, criteria)).map((item) => record(spec, item));
    },

    async create(name: string, payload: Readonly<Record<string, unknown>>, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      if (!spec.create) throw readOnly(spec);
      const stored = await spec.create(payload, call.signal);
      const { key, version, data } = record(spec, stored);
      return { key, version, data } satisfies WriteResult;
    },

    async update(
      name: string,
      key: string,
      changes: Readonly<Record<string, unknown>>,
      update: UpdateOptions = {},
    ): Promise<WriteResult> {
      const spec = entity(name);
      if (!spec.update) throw readOnly(spec);
      // §5.4: PUT with `If-Match: "<version>"`; a stale version is a 412, a `conflict` VismaError. §5.3: the 204
      // carries the new ETag, which equals the record's next `timeStamp`, so no GET is needed.
      const result = await spec.update(key, changes, update.ifVersion, update.signal);
      return { key, version: result.etag };
    },
  };
  if (calls) return { ...connector, apiCalls: () => calls.count() };
  return connector;
}

function vismaEntities(client: VismaClient): Map<string, EntitySpec> {
  const customer: EntitySpec = {
    description: {
      name: 'customer',
      label: 'Customer',
      readable: true,
      writable: true,
      // visma-net.md §5.2: the number is set on create only (with overrideNumberSeries); renumbering is an action.
      createOnlyFields: ['number', 'overrideNumberSeries', 'overrideWithClassValues'],
      findableBy: [
        'number',
        'corporateId',
        'vatRegistrationId',
        'name',
        'mainContact.email',
        'mainContact.phone1',
        'mainAddress.postalCode',
        'mainAddress.city',
        'mainAddress.addressLine1',
        'mainAddress.countryId',
        'accountReference',
        'gln',
      ],
      validateWrite: (payload) => writeIssues(vismaCustomerCreateSchema, payload),
    },
    path: '/customer',
    schema: customerSchema,
    keyOf: (record) => String(record.internalId),
    // §7.1 list filters; `email` and `phone` match the main contact's.
    serverFilters: {
      corporateId: 'corporateId',
      vatRegistrationId: 'vatRegistrationId',
      name: 'name',
      'mainContact.email': 'email',
      'mainContact.phone1': 'phone',
    },
    lookup: { path: 'number', get: (number, signal) => client.customers.get(number, { signal }) },
    get: (internalId, signal) => client.customers.getByInternalId(internalId, { signal }),
    create: async (payload, signal) => {
      const created = await client.customers.create(payload as CustomerCreate, { signal });
      return readCreatedCustomer(client, created, payload as CustomerCreate, signal);
    },
    update: (internalId, changes, ifMatch, signal) =>
      client.customers.updateByInternalId(internalId, changes as CustomerUpdate, { ifMatch, signal }),
  };
  const contact: EntitySpec = {
    description: {
      name: 'contact',
      label: 'Contact person',
      readable: true,
      writable: true,
      findableBy: ['businessAccount', 'email', 'firstName', 'lastName', 'displayName', 'phone1'],
      validateWrite: (payload) => writeIssues(vismaContactCreateSchema, payload),
    },
    path: '/contact',
    schema: contactSchema,
    keyOf: (record) => String(record.contactId),
    // §7.2 list filters.
    serverFilters: {
      businessAccount: 'businessAccount',
      email: 'email',
      firstName: 'firstName',
      lastName: 'lastName',
      displayName: 'displayName',
    },
    get: (contactId, signal) => client.contacts.get(contactId, { signal }),
    create: async (payload, signal) => {
      // §5.3: the id is the last segment of `Location`; for contacts it is the `contactId`.
      const created = await client.contacts.create(payload as ContactCreate, { signal });
      return client.contacts.get(created.id, { signal });
    },
    update: (contactId, changes, ifMatch, signal) =>
      client.contacts.update(contactId, changes as ContactUpdate, { ifMatch, signal }),
  };
  const customerInvoice: EntitySpec = {
    description: {
      name: 'customerInvoice',
      label: 'Customer invoice',
      readable: true,
      writable: false,
      findableBy: [
        'referenceNumber',
        'externalReference',
        'customerNumber',
        'customerRefNumber',
        'paymentReference',
      ],
    },
    path: '/customerinvoice',
    schema: customerInvoiceSchema,
    // §7.3: `referenceNumber` is the invoice number, the id of `GET /customerinvoice/{invoiceNumber}`.
    keyOf: (record) => String(record.referenceNumber),
    serverFilters: {
      externalReference: 'externalReference',
      customerNumber: 'customer',
      customerRefNumber: 'customerRefNumber',
      paymentReference: 'paymentReference',
    },
    lookup: {
      path: 'referenceNumber',
      get: (number, signal) => client.customerInvoices.get(number, { signal }),
    },
    get: (number, signal) => client.customerInvoices.get(number, { signal }),
  };
  return new Map([customer, contact, customerInvoice].map((spec) => [spec.description.name, spec]));
}

/**
 * Reads a just-created customer back. Whether the `Location` id is the customer number or the internalId is
 * UNCERTAIN (visma-net.md §5.3, §12 item 9; see the client's `CreateResult.id`): try the number first (what the
 * known clients see), then the internalId, and accept the record whose version equals the create's `ETag` (§5.4),
 * or, when the create sent none, whose name is the one written.
 */
async function readCreatedCustomer(
  client: VismaClient,
  created: CreateResult,
  payload: CustomerCreate,
  signal: AbortSignal | undefined,
): Promise<VismaItem> {
  const isTheNewOne = (found: VismaItem): boolean =>
    created.etag !== undefined
      ? normalizeEtag(typeof found.timeStamp === 'string' ? found.timeStamp : undefined) === created.etag
      : payload.name === undefined || String(found.name).trim() === payload.name.trim();
  const byNumber = await unlessNotFound(() => client.customers.get(created.id, { signal }));
  if (byNumber && isTheNewOne(byNumber)) return byNumber;
  const byInternalId = /^\d+$/.test(created.id)
    ? await unlessNotFound(() => client.customers.getByInternalId(created.id, { signal }))
    : undefined;
  if (byInternalId && isTheNewOne(byInternalId)) return byInternalId;
  // Changed again between the POST and the GET: fall back to the one that carries the written name.
  const named = [byNumber, byInternalId].find(
    (found) => found !== undefined && String(found.name).trim() === payload.name?.trim(),
  );
  if (named) return named;
  throw new ConnectorError(
    'protocol',
    `Created a Visma customer, but could not read it back from Location ${JSON.stringify(created.location)}`,
    { remedy: 'Find the new customer in Visma.net and link it by hand before the next run.' },
  );
}

function readOnly(spec: EntitySpec): ConnectorError {
  return new ConnectorError('validation', `Visma ${spec.description.label} records are read-only here`, {
    remedy: `Map ${spec.description.name} only as a source.`,
  });
}

function parseCursor(after: JsonValue | undefined): VismaChangeCursor | undefined {
  if (after === undefined || after === null) return undefined;
  if (typeof after === 'object' && !Array.isArray(after)) {
    const { page, pageSize } = after as Readonly<Record<string, JsonValue>>;
    if (isCount(page, 0) && isCount(pageSize, 1)) return { page, pageSize };
  }
  throw new ConnectorError('validation', `Not a Visma change cursor: ${JSON.stringify(after)}`, {
    remedy: 'Reset the checkpoint of this profile.',
  });
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
