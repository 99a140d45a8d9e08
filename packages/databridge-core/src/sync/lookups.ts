import { z } from 'zod';
import { ConnectorError } from '../connectors/connector-error.js';
import type { ConnectorResolver } from '../connectors/connector-resolver.js';
import type { LookupCache } from '../mapping/context.js';
import { mustParsePath, parsePath, readPath } from '../mapping/path.js';
import type { MappingSpec } from '../mapping/spec-types.js';
import type { Profile } from '../model/profile.js';
import type { Store } from '../store/store.js';

const fieldPath = z.string().refine((value) => typeof parsePath(value) !== 'string', 'is not a field path');

/** One end of a link used as a lookup key or value: a key, or a field of the record on that side. */
const linkEnd = z.union([
  z.literal('sourceKey'),
  z.literal('targetKey'),
  z.strictObject({ source: fieldPath }),
  z.strictObject({ target: fieldPath }),
]);

/**
 * Where a per-run lookup cache comes from (`profile.options.lookups.<cache>`):
 * - `{ table: { NO: 578 } }`: fixed values;
 * - `{ links: 'Companies', key, value }`: another profile's link table, e.g. the company profile's links turn a
 *   SuperOffice ContactId (`sourceKey`) into the linked Visma customer's number (`{ target: 'number' }`), so
 *   persons and invoices find their company. Record fields are read once per run (all records of that side).
 */
export const lookupSourceSchema = z.union([
  z.strictObject({ table: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
  z.strictObject({ links: z.string().min(1), key: linkEnd, value: linkEnd }),
]);

/** See {@link lookupSourceSchema}. */
export type LookupSource = z.infer<typeof lookupSourceSchema>;
type LinkEnd = z.infer<typeof linkEnd>;

/**
 * The lookup caches a spec's steps use, and whether each is required: a cache whose every use falls back to a
 * default (`unmapped: default`) may be left unconfigured (it is empty then); one that fails or skips the record on
 * a miss must be configured, or every record would fail or be skipped.
 */
export function lookupCachesOf(spec: MappingSpec): Map<string, boolean> {
  const caches = new Map<string, boolean>();
  for (const field of spec.fields)
    for (const step of field.pipe ?? [])
      if (step.op === 'lookup')
        caches.set(step.cache, (caches.get(step.cache) ?? false) || step.unmapped !== 'default');
  return caches;
}

/** What {@link buildLookups} needs. */
export interface LookupDeps {
  readonly store: Store;
  readonly connectors: ConnectorResolver;
}

/**
 * Fills every configured lookup cache once for a run (batch-resolved: one pass over a link table, one read of each
 * side whose fields are needed), so mapping a record never makes a call.
 */
export async function buildLookups(
  deps: LookupDeps,
  sources: Readonly<Record<string, LookupSource>>,
  optional: readonly string[] = [],
): Promise<Record<string, LookupCache>> {
  const caches: Record<string, LookupCache> = {};
  for (const name of optional) caches[name] = new Map();
  for (const [name, source] of Object.entries(sources)) {
    if ('table' in source) {
      caches[name] = new Map(Object.entries(source.table));
      continue;
    }
    const profile = await findProfile(deps.store, source.links, name);
    const keyOf = await endReader(deps, profile, source.key);
    const lookupValue = await endReader(deps, profile, source.value);
    const cache = new Map<string, unknown>();
    let after: string | undefined;
    for (;;) {
      const links = await deps.store.listLinks(profile.id, {
        limit: 1000,
        ...(after ? { afterSourceKey: after } : {}),
      });
      if (links.length === 0) break;
      for (const link of links) {
        const key = keyOf(link.sourceKey, link.targetKey);
        const value = lookupValue(link.sourceKey, link.targetKey);
        if (key !== undefined && key !== null && value !== undefined && value !== null)
          cache.set(String(key), value);
      }
      after = links.at(-1)?.sourceKey;
    }
    caches[name] = cache;
  }
  return caches;
}

async function findProfile(store: Store, ref: string, cache: string): Promise<Profile> {
  const profiles = await store.listProfiles();
  const profile = profiles.find((p) => p.id === ref) ?? profiles.find((p) => p.name === ref);
  if (!profile) {
    throw new ConnectorError(
      'validation',
      `Lookup "${cache}" reads the links of profile "${ref}", which does not exist`,
      {
        remedy: 'Name an existing profile (by id or name) in options.lookups.',
      },
    );
  }
  return profile;
}

/** A function from a link's two keys to the lookup key or value it stands for. */
async function endReader(
  deps: LookupDeps,
  profile: Profile,
  end: LinkEnd,
): Promise<(sourceKey: string, targetKey: string) => unknown> {
  if (end === 'sourceKey') return (s) => s;
  if (end === 'targetKey') return (_, t) => t;
  const side = 'source' in end ? profile.source : profile.target;
  const path = mustParsePath('source' in end ? end.source : end.target);
  const connection = await deps.store.getConnection(side.connectionId);
  if (!connection)
    throw new ConnectorError(
      'validation',
      `Profile "${profile.name}" has no connection ${side.connectionId}`,
    );
  const connector = await deps.connectors(connection);
  const values = new Map<string, unknown>();
  for await (const page of connector.readChanges(side.entity, {}))
    for (const record of page.records) values.set(record.key, readPath(record.data, path));
  return 'source' in end ? (s) => values.get(s) : (_, t) => values.get(t);
}
