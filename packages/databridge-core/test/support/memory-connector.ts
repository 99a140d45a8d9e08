import type {
  ChangePage,
  Connector,
  ConnectorRecord,
  MatchCriteria,
  ReadChangesOptions,
  UpdateOptions,
  WriteResult,
} from '../../src/connectors/connector.js';
import { ConnectorError } from '../../src/connectors/connector-error.js';
import type { ErrorKind } from '../../src/errors/error-kind.js';

/** A stored row of the in-memory system. */
export interface MemoryRow {
  data: Record<string, unknown>;
  version: number;
  modifiedAt: string;
  modifiedBy: string;
}

/** A scripted failure: the next matching call throws `kind`; with `commit`, a create/update happens first. */
export interface MemoryFault {
  readonly method: 'readChanges' | 'read' | 'find' | 'create' | 'update';
  readonly kind: ErrorKind;
  readonly commit?: boolean;
  readonly times?: number;
}

/**
 * A connector over maps, for engine unit tests: numeric keys in order, `modifiedAt` from a settable clock, versions
 * bumped on every write, and scripted faults. Writes made through it are stamped with `user`.
 */
export class MemoryConnector implements Connector {
  readonly system: string;
  readonly entities = new Map<string, Map<string, MemoryRow>>();
  readonly calls = { readChanges: 0, read: 0, find: 0, create: 0, update: 0 };
  faults: MemoryFault[] = [];
  clock = () => new Date();
  user = 'integration';
  #nextKey = 1000;

  constructor(system: string, entities: readonly string[]) {
    this.system = system;
    for (const entity of entities) this.entities.set(entity, new Map());
  }

  /** Seeds a record as another user would have written it. */
  put(entity: string, key: string, data: Record<string, unknown>, by = 'human'): void {
    const table = this.#table(entity);
    const old = table.get(key);
    table.set(key, {
      data: structuredClone(data),
      version: (old?.version ?? 0) + 1,
      modifiedAt: this.clock().toISOString(),
      modifiedBy: by,
    });
  }

  rows(entity: string): Map<string, MemoryRow> {
    return this.#table(entity);
  }

  describe() {
    return [...this.entities.keys()].map((name) => ({
      name,
      label: name,
      readable: true,
      writable: true,
      findableBy: ['corporateId', 'name', 'city', 'orgNr'],
      validateWrite: (payload: Readonly<Record<string, unknown>>) =>
        typeof payload.name === 'string' && payload.name.length > 100 ? ['name: at most 100 characters'] : [],
    }));
  }

  apiCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  async whoAmI(): Promise<string> {
    return this.user;
  }

  async *readChanges(entity: string, options: ReadChangesOptions = {}): AsyncIterable<ChangePage> {
    const pageSize = options.pageSize ?? 100;
    let after = (options.after as { afterKey?: number } | undefined)?.afterKey ?? -1;
    for (;;) {
      this.calls.readChanges += 1;
      this.#fault('readChanges');
      const since = options.since?.toISOString();
      const page = [...this.#table(entity).entries()]
        .filter(([key, row]) => Number(key) > after && (since === undefined || row.modifiedAt >= since))
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .slice(0, pageSize)
        .map(([key, row]) => this.#record(key, row));
      if (page.length === 0) return;
      after = Number(page.at(-1)?.key);
      yield { records: page, cursor: { afterKey: after } };
      if (page.length < pageSize) return;
    }
  }

  async read(entity: string, key: string): Promise<ConnectorRecord | undefined> {
    this.calls.read += 1;
    this.#fault('read');
    const row = this.#table(entity).get(key);
    return row && this.#record(key, row);
  }

  async find(entity: string, criteria: MatchCriteria): Promise<ConnectorRecord[]> {
    this.calls.find += 1;
    this.#fault('find');
    return [...this.#table(entity).entries()]
      .filter(([, row]) =>
        Object.entries(criteria).every(([path, value]) => String(at(row.data, path)) === String(value)),
      )
      .map(([key, row]) => this.#record(key, row));
  }

  async create(entity: string, payload: Readonly<Record<string, unknown>>): Promise<WriteResult> {
    this.calls.create += 1;
    const fault = this.#fault('create', true);
    const key = String(this.#nextKey++);
    this.put(entity, key, { ...payload }, this.user);
    if (fault) throw fault;
    const row = this.#table(entity).get(key) as MemoryRow;
    return { key, version: String(row.version), data: structuredClone(row.data) };
  }

  async update(
    entity: string,
    key: string,
    changes: Readonly<Record<string, unknown>>,
    options: UpdateOptions = {},
  ): Promise<WriteResult> {
    this.calls.update += 1;
    const fault = this.#fault('update', true);
    const row = this.#table(entity).get(key);
    if (!row) throw new ConnectorError('not_found', `${entity} ${key} does not exist`);
    if (options.ifVersion !== undefined && options.ifVersion !== String(row.version))
      throw new ConnectorError('conflict', `${entity} ${key} changed since it was read`);
    this.put(entity, key, merge(row.data, changes), this.user);
    if (fault) throw fault;
    return { key, version: String(this.#table(entity).get(key)?.version) };
  }

  #record(key: string, row: MemoryRow): ConnectorRecord {
    return {
      key,
      data: structuredClone(row.data),
      modifiedAt: row.modifiedAt,
      modifiedBy: row.modifiedBy,
      version: String(row.version),
    };
  }

  /** Throws the next matching fault; with `deferred`, returns it for the caller to throw after committing. */
  #fault(method: MemoryFault['method'], deferred = false): ConnectorError | undefined {
    const index = this.faults.findIndex((f) => f.method === method);
    if (index < 0) return undefined;
    const fault = this.faults[index] as MemoryFault;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) this.faults.splice(index, 1);
    else this.faults[index] = { ...fault, times };
    const error = new ConnectorError(fault.kind, `injected ${fault.kind} on ${method}`, {
      remedy: fault.kind === 'reauth_required' ? `Reconnect ${this.system}.` : undefined,
      retryAfterMs: fault.kind === 'rate_limited' ? 1 : undefined,
    });
    if (deferred && fault.commit) return error;
    throw error;
  }

  #table(entity: string): Map<string, MemoryRow> {
    const table = this.entities.get(entity);
    if (!table) throw new ConnectorError('not_found', `no entity ${entity}`);
    return table;
  }
}

function at(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data);
}

function merge(
  base: Record<string, unknown>,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(changes)) {
    const old = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object'
        ? merge(old as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}
