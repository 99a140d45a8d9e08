import {
  and,
  condition,
  type EntityResource,
  type Filter,
  isSuperOfficeError,
  type SuperOfficeClient,
  where,
} from '@databridge/superoffice-client';
import type { z } from 'zod';
import {
  superOfficeContactWriteSchema,
  superOfficePersonWriteSchema,
  superOfficeSaleWriteSchema,
} from '../../mapping/ready/write-schemas.js';
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
import { matchesAll, writeIssues } from '../visma/visma-records.js';

/** Options of {@link createSuperOfficeConnector}. */
export interface SuperOfficeConnectorOptions {
  /** The client of the tenant to sync. */
  readonly client: SuperOfficeClient;
  /**
   * The counting `fetch` the client was created with, so {@link Connector.apiCalls} can report every request; without
   * it the connector has no `apiCalls`.
   */
  readonly calls?: CountingFetch | undefined;
}

/** The cursor of a SuperOffice change read: every record up to primary key `afterKey` has been delivered. */
export interface SuperOfficeChangeCursor {
  /** The last primary key delivered. */
  readonly afterKey: number;
}

/** Rows per archive page of a change read when the engine gives no hint; each row costs one GET as well. */
const DEFAULT_PAGE_SIZE = 200;
/** Rows per archive page of a lookup. */
const FIND_PAGE_SIZE = 500;

type SoRecord = Readonly<Record<string, unknown>>;
// biome-ignore lint/suspicious/noExplicitAny: one resource type for all four entities; records are handled as plain objects.
type AnyResource = EntityResource<any, any>;

/** An archive column a criterion maps to (superoffice.md §14 `SimpleContact`/`FindSale`… columns). */
interface Column {
  readonly column: string;
  readonly type: 'string' | 'int';
}

/** What differs between the SuperOffice entities. */
interface EntitySpec {
  readonly description: EntityDescription;
  readonly resource: AnyResource;
  /** Entity property of the primary key, e.g. `ContactId`. */
  readonly primaryKey: string;
  /** Archive column of the primary key, e.g. `contactId`. */
  readonly keyColumn: string;
  /** Criteria paths (entity shape, `Emails.0.Value` form) and the archive column each is queried by. */
  readonly columns: Readonly<Record<string, Column>>;
}

const text = (column: string): Column => ({ column, type: 'string' });
const int = (column: string): Column => ({ column, type: 'int' });

/**
 * The built-in SuperOffice CRM connector over a `SuperOfficeClient`: entities `Contact` (companies), `Person`,
 * `Sale` and `Project`, keyed by their primary key as text. Changes are read through the entity's archive list in
 * primary-key order and each record is then read in full; `modifiedBy` is the associate who changed it last, to
 * compare with {@link Connector.whoAmI} (loop prevention, superoffice.md §19). Errors of the client
 * (`SuperOfficeError`, with `kind`, `remedy` and `retryAfterMs`) propagate unchanged; a 404 on a read is
 * `undefined`.
 *
 * @example
 * ```ts
 * const calls = countingFetch();
 * const client = createSuperOfficeClient({ auth, connection, fetch: calls.fetch });
 * const crm = createSuperOfficeConnector({ client, calls });
 * for await (const page of crm.readChanges('Contact', { since })) console.log(page.records.length);
 * ```
 */
export function createSuperOfficeConnector(options: SuperOfficeConnectorOptions): Connector {
  const { client, calls } = options;
  const entities = superOfficeEntities(client);
  let principal: Promise<string | undefined> | undefined;

  const entity = (name: string): EntitySpec => {
    const found = entities.get(name);
    if (found) return found;
    throw new ConnectorError('validation', `SuperOffice has no entity ${JSON.stringify(name)}`, {
      remedy: `Use one of ${[...entities.keys()].join(', ')}.`,
    });
  };

  const getAll = async (
    spec: EntitySpec,
    ids: readonly number[],
    signal: AbortSignal | undefined,
  ): Promise<ConnectorRecord[]> => {
    // Concurrently: the client's throttle and concurrency limit pace the GETs (superoffice.md §16). A record deleted
    // between the archive query and its GET is left out.
    const records = await Promise.all(
      ids.map((id) => unlessNotFound(() => spec.resource.get(id, { signal }))),
    );
    return records.flatMap((record) =>
      record === undefined ? [] : [toConnectorRecord(spec, record as SoRecord)],
    );
  };

  const connector: Connector = {
    system: 'superoffice',
    describe: () => [...entities.values()].map((spec) => spec.description),

    async *readChanges(name: string, read: ReadChangesOptions = {}): AsyncIterable<ChangePage> {
      const spec = entity(name);
      const pageSize = read.pageSize ?? DEFAULT_PAGE_SIZE;
      let afterKey = parseCursor(read.after)?.afterKey;
      // Keyset paging (superoffice.md §14, §24 item 9: always `$orderby=<pk>`): every page is a fresh query for keys
      // above the last one delivered, so neither a resumed read nor records added or deleted during the read can
      // make it skip a record. Stops on an empty page only: the maximum `$top` is a GAP (§14), so a short page may be
      // a silently capped one.
      for (;;) {
        const filter: Filter | undefined =
          afterKey === undefined ? undefined : where(spec.keyColumn).gt(afterKey);
        const query = {
          select: [spec.keyColumn, 'updatedDate', 'updatedBy'],
          ...(filter === undefined ? {} : { filter }),
          pageSize,
          signal: read.signal,
        };
        // §24 item 10: `updatedDate afterTime W or registeredDate afterTime W`, and'ed with the key restriction.
        const rows = read.since ? spec.resource.changedSince(read.since, query) : spec.resource.query(query);
        const page = await rows.toArray({ limit: pageSize });
        const last = page.at(-1);
        if (last === undefined) return;
        afterKey = last.PrimaryKey;
        const records = await getAll(
          spec,
          page.map((row) => row.PrimaryKey),
          read.signal,
        );
        const cursor: SuperOfficeChangeCursor = { afterKey };
        yield { records, cursor: { ...cursor } };
      }
    },

    async read(name: string, key: string, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      const id = idOf(key);
      if (id === undefined) return undefined;
      const record = await unlessNotFound(() => spec.resource.get(id, { signal: call.signal }));
      return record === undefined ? undefined : toConnectorRecord(spec, record as SoRecord);
    },

    async find(name: string, criteria: MatchCriteria, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      const restrictions: Filter[] = [];
      for (const [path, value] of Object.entries(criteria)) {
        const column = spec.columns[normalisePath(path)];
        if (!column) continue;
        if (column.type === 'int') {
          const number = Number(String(value).trim());
          if (!Number.isSafeInteger(number)) return []; // no record has a non-integer id
          restrictions.push(condition(column.column, 'eq', number));
        } else {
          // §14: `is` is the string equality of the archive dialect (case-insensitive with the default collation).
          restrictions.push(condition(column.column, 'is', String(value).trim()));
        }
      }
      if (restrictions.length === 0) {
        throw new ConnectorError(
          'validation',
          `SuperOffice cannot find ${name} by ${Object.keys(criteria).join(', ')}`,
          {
            remedy: `Match ${name} on at least one of ${spec.description.findableBy.join(', ')}.`,
          },
        );
      }
      const ids: number[] = [];
      const rows = spec.resource.query({
        select: [spec.keyColumn],
        filter: and(...restrictions),
        pageSize: FIND_PAGE_SIZE,
        signal: call.signal,
      });
      for await (const row of rows) ids.push(row.PrimaryKey);
      // Every criterion is checked again on the full record, trimmed and case-insensitively, including those that
      // have no archive column.
      const records = await getAll(spec, ids, call.signal);
      return records.filter((record) => matchesAll(record.data, criteria));
    },

    async create(name: string, payload: Readonly<Record<string, unknown>>, call: ConnectorCallOptions = {}) {
      const spec = entity(name);
      // §12: `GET /{E}/default`, merge, `POST /{E}` (the client does all three).
      const stored = (await spec.resource.create(payload, { signal: call.signal })) as SoRecord;
      const { key, version, data } = toConnectorRecord(spec, stored);
      return { key, version, data } satisfies WriteResult;
    },

    async update(
      name: string,
      key: string,
      changes: Readonly<Record<string, unknown>>,
      update: UpdateOptions = {},
    ): Promise<WriteResult> {
      const spec = entity(name);
      const id = idOf(key);
      if (id === undefined) {
        throw new ConnectorError('not_found', `SuperOffice ${name} ${JSON.stringify(key)} does not exist`);
      }
      const { signal } = update;
      // §12: PATCH with a JSON Patch of the changed paths only (the client diffs the merged record against the one
      // read). §13 has no ETags: with `ifVersion`, the version read must be the caller's, and a `test` of
      // `UpdatedDate` makes the server refuse (409 → `conflict`) if it changed between our GET and the PATCH.
      const before = (await spec.resource.get(id, { signal })) as SoRecord;
      if (update.ifVersion !== undefined && versionOf(before) !== update.ifVersion) {
        throw new ConnectorError(
          'conflict',
          `SuperOffice ${name} ${key} changed since it was read (version ${versionOf(before) ?? 'none'}, expected ${update.ifVersion})`,
          { remedy: 'Read the record again and re-apply the change.' },
        );
      }
      const guard =
        update.ifVersion !== undefined && 'UpdatedDate' in before ? { test: ['UpdatedDate'] } : {};
      const result = await spec.resource.patch(id, before, mergeChanges(before, changes), {
        signal,
        ...guard,
      });
      const after =
        (result.record as SoRecord | undefined) ??
        (result.operations.length === 0 ? before : ((await spec.resource.get(id, { signal })) as SoRecord));
      const written = toConnectorRecord(spec, after);
      return { key: written.key, version: written.version, data: written.data };
    },

    whoAmI(call: ConnectorCallOptions = {}) {
      // §9 `User/currentPrincipal` → `AssociateId`, the integration's own associate (§19 loop prevention); cached.
      principal ??= client
        .request({ method: 'GET', path: '/v1/User/currentPrincipal', signal: call.signal })
        .then((response) => {
          const id = (response.body as { AssociateId?: unknown } | null)?.AssociateId;
          return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : undefined;
        });
      const current = principal;
      current.catch(() => {
        if (principal === current) principal = undefined;
      });
      return current;
    },
  };
  if (calls) return { ...connector, apiCalls: () => calls.count() };
  return connector;
}

function superOfficeEntities(client: SuperOfficeClient): Map<string, EntitySpec> {
  const describe = (
    name: string,
    label: string,
    columns: Readonly<Record<string, Column>>,
    schema: z.ZodType | undefined,
  ): EntityDescription => ({
    name,
    label,
    readable: true,
    writable: true,
    findableBy: Object.keys(columns),
    ...(schema
      ? { validateWrite: (payload: Readonly<Record<string, unknown>>) => writeIssues(schema, payload) }
      : {}),
  });
  // Criteria paths → archive columns: superoffice.md §9 fields, §14 `SimpleContact`/`FindContact` columns (the
  // stand-in's columns follow the same list).
  const contactColumns = {
    ContactId: int('contactId'),
    Name: text('name'),
    Department: text('department'),
    OrgNr: text('orgnr'),
    Number1: text('code'),
    Number2: text('number'),
    'Emails.0.Value': text('email'),
    'Phones.0.Value': text('phone'),
    'Address.Postal.Address1': text('postAddress/line1'),
    'Address.Postal.Zipcode': text('postAddress/zip'),
    'Address.Postal.City': text('postAddress/city'),
    'Address.Street.Address1': text('streetAddress/line1'),
    'Address.Street.Zipcode': text('streetAddress/zip'),
    'Address.Street.City': text('streetAddress/city'),
    'Country.CountryId': int('countryId'),
    'Associate.AssociateId': int('associateId'),
  };
  const personColumns = {
    PersonId: int('personId'),
    Firstname: text('firstName'),
    Lastname: text('lastName'),
    FullName: text('fullName'),
    'Contact.ContactId': int('contactId'),
    'Emails.0.Value': text('email'),
    'MobilePhones.0.Value': text('mobilePhone'),
  };
  const saleColumns = {
    SaleId: int('saleId'),
    Heading: text('heading'),
    Number: text('number'),
    Status: text('status'),
    'Contact.ContactId': int('contactId'),
    'Person.PersonId': int('personId'),
    'Project.ProjectId': int('projectId'),
    'Associate.AssociateId': int('associateId'),
  };
  const projectColumns = {
    ProjectId: int('projectId'),
    Name: text('name'),
    ProjectNumber: text('number'),
    'Associate.AssociateId': int('associateId'),
  };
  const specs: EntitySpec[] = [
    {
      description: describe('Contact', 'Company', contactColumns, superOfficeContactWriteSchema),
      resource: client.contacts,
      primaryKey: 'ContactId',
      keyColumn: 'contactId',
      columns: contactColumns,
    },
    {
      description: describe('Person', 'Person', personColumns, superOfficePersonWriteSchema),
      resource: client.persons,
      primaryKey: 'PersonId',
      keyColumn: 'personId',
      columns: personColumns,
    },
    {
      description: describe('Sale', 'Sale', saleColumns, superOfficeSaleWriteSchema),
      resource: client.sales,
      primaryKey: 'SaleId',
      keyColumn: 'saleId',
      columns: saleColumns,
    },
    {
      description: describe('Project', 'Project', projectColumns, undefined),
      resource: client.projects,
      primaryKey: 'ProjectId',
      keyColumn: 'projectId',
      columns: projectColumns,
    },
  ];
  return new Map(specs.map((spec) => [spec.description.name, spec]));
}

/**
 * A SuperOffice record as the connector hands it out (superoffice.md §9): `modifiedAt` and `version` are
 * `UpdatedDate`, `modifiedBy` is `UpdatedBy.AssociateId`. A record never updated has no real `UpdatedDate`
 * (`0001-01-01…` or empty: whether a create sets it is UNCERTAIN, §14), so `CreatedDate`/`CreatedBy` stand in.
 */
function toConnectorRecord(spec: EntitySpec, record: SoRecord): ConnectorRecord {
  const updated = realDate(record.UpdatedDate);
  const modifiedAt = updated ?? realDate(record.CreatedDate);
  const modifiedBy = associateOf(updated === undefined ? record.CreatedBy : record.UpdatedBy);
  return {
    key: String(record[spec.primaryKey]),
    data: record,
    ...(modifiedAt === undefined ? {} : { modifiedAt, version: modifiedAt }),
    ...(modifiedBy === undefined ? {} : { modifiedBy }),
  };
}

function versionOf(record: SoRecord): string | undefined {
  return realDate(record.UpdatedDate) ?? realDate(record.CreatedDate);
}

function realDate(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !value.startsWith('0001-01-01')
    ? value
    : undefined;
}

function associateOf(reference: unknown): string | undefined {
  const id = (reference as { AssociateId?: unknown } | null | undefined)?.AssociateId;
  return typeof id === 'number' && id > 0 ? String(id) : undefined;
}

/** Resolves with `undefined` when `read` fails with a 404 (superoffice.md §15), rethrows anything else unchanged. */
async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isSuperOfficeError(error) && (error.kind === 'not_found' || error.status === 404)) return undefined;
    throw error;
  }
}

/** Nested objects of `changes` are merged into `record`; arrays and scalars replace (as the client's update). */
function mergeChanges(record: SoRecord, changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(changes)) {
    const current = merged[field];
    merged[field] =
      isPlainObject(value) && isPlainObject(current)
        ? mergeChanges(current as SoRecord, value as Readonly<Record<string, unknown>>)
        : value;
  }
  return merged;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Emails[0].Value` → `Emails.0.Value`. */
function normalisePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

function idOf(key: string): number | undefined {
  const id = Number(key.trim());
  return /^\d+$/.test(key.trim()) && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function parseCursor(after: JsonValue | undefined): SuperOfficeChangeCursor | undefined {
  if (after === undefined || after === null) return undefined;
  if (typeof after === 'object' && !Array.isArray(after)) {
    const { afterKey } = after as Readonly<Record<string, JsonValue>>;
    if (typeof afterKey === 'number' && Number.isSafeInteger(afterKey)) return { afterKey };
  }
  throw new ConnectorError('validation', `Not a SuperOffice change cursor: ${JSON.stringify(after)}`, {
    remedy: 'Reset the checkpoint of this profile.',
  });
}
