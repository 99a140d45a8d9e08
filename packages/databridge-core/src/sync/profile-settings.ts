import { z } from 'zod';
import { type CompiledMapping, compileMapping } from '../mapping/compile-mapping.js';
import { MappingSpecError } from '../mapping/mapping-spec-error.js';
import { formatSpecPath, validateMappingSpec } from '../mapping/parse-spec.js';
import { parsePath } from '../mapping/path.js';
import { READY_MAPPINGS } from '../mapping/ready/index.js';
import type { MappingSpec } from '../mapping/spec-types.js';
import type { JsonValue } from '../model/json.js';
import type { Profile } from '../model/profile.js';
import { type LookupSource, lookupCachesOf, lookupSourceSchema } from './lookups.js';
import { ProfileConfigError, type ProfileIssue } from './profile-config-error.js';
import type { RetryBudget } from './run-options.js';

/** Default overlap subtracted from the watermark (visma-net.md §6 recipe: about 10 minutes). */
export const DEFAULT_OVERLAP_MS = 10 * 60_000;

const path = z.string().refine((value) => typeof parsePath(value) !== 'string', 'is not a field path');

/** The options a profile may set (`profile.options`); anything else is an error, so a typo never goes unnoticed. */
export const profileOptionsSchema = z.strictObject({
  /** Milliseconds re-read before the watermark (clock skew, zone-less Visma filters). */
  overlapMs: z
    .int()
    .min(0)
    .max(7 * 24 * 3_600_000)
    .default(DEFAULT_OVERLAP_MS),
  /** Records per page; the checkpoint moves once per page. */
  pageSize: z.int().min(1).max(1000).default(100),
  /** Records of one page written at the same time. */
  concurrency: z.int().min(1).max(16).default(4),
  /** Write a value of the target record back into a source field after the link is made. */
  writeBack: z.strictObject({ field: path, from: path }).optional(),
  /** Skip source records last changed by the integration's own user (default: on for two-way profiles). */
  skipOwnChanges: z.boolean().optional(),
  /** What the source → target pass may do: create and update (`upsert`), or only one of them. */
  mode: z.enum(['upsert', 'update_only', 'create_only']).default('upsert'),
  /** The same for the target → source pass of a two-way profile (often `update_only`: the ERP fills fields in). */
  reverseMode: z.enum(['upsert', 'update_only', 'create_only']).default('upsert'),
  /** Matching keys on the source side for the target → source pass of a two-way profile. */
  reverseMatchingKeys: z.array(z.string().min(1)).default([]),
  /** Where each lookup cache the mappings use comes from (see {@link lookupSourceSchema}). */
  lookups: z.record(z.string(), lookupSourceSchema).default({}),
  /** Retry bounds. */
  retry: z
    .strictObject({
      attempts: z.int().min(1).max(20).optional(),
      minDelayMs: z.int().min(0).optional(),
      maxDelayMs: z.int().min(0).optional(),
      totalDelayMs: z.int().min(0).optional(),
    })
    .optional(),
});

/** One direction of a profile, ready to run. */
export interface PassSettings {
  /** The spec. */
  readonly spec: MappingSpec;
  /** The compiled mapping. */
  readonly map: CompiledMapping;
  /** Matching key sets on the receiving side, in order; each set is one or more field paths (`name+postalCode`). */
  readonly matchingKeys: readonly (readonly string[])[];
  /** Whether this pass creates, updates, or both. */
  readonly mode: 'upsert' | 'update_only' | 'create_only';
}

/** A profile's settings after validation. */
export interface ProfileSettings {
  /** Source → target, unless the profile runs only the other way. */
  readonly forward?: PassSettings | undefined;
  /** Target → source (two-way or `target_to_source` profiles). */
  readonly reverse?: PassSettings | undefined;
  /** From `profile.options` (see the core README, "Options"). */
  readonly overlapMs: number;
  /** From `profile.options` (see the core README, "Options"). */
  readonly pageSize: number;
  /** From `profile.options` (see the core README, "Options"). */
  readonly concurrency: number;
  /** From `profile.options` (see the core README, "Options"). */
  readonly writeBack?: { readonly field: string; readonly from: string } | undefined;
  /** From `profile.options` (see the core README, "Options"). */
  readonly skipOwnChanges: boolean;
  /** From `profile.options` (see the core README, "Options"). */
  readonly retry?: RetryBudget | undefined;
  /** From `profile.options` (see the core README, "Options"). */
  readonly lookups: Readonly<Record<string, LookupSource>>;
  /** Caches the mappings may use without configuration (every miss falls back to a default): empty unless configured. */
  readonly optionalLookups: readonly string[];
}

/**
 * Validates a profile offline and compiles its mappings: the options, the mapping (a ready-made mapping's name, a
 * spec, or `{ sourceToTarget, targetToSource }` for a two-way profile) and the matching keys.
 *
 * @throws ProfileConfigError naming every problem.
 */
export function resolveProfileSettings(profile: Profile): ProfileSettings {
  const issues: ProfileIssue[] = [];
  const options = profileOptionsSchema.safeParse(profile.options);
  if (!options.success) {
    for (const issue of options.error.issues)
      issues.push({ path: `options${prefixed(formatSpecPath(issue.path))}`, message: issue.message });
  }
  const specs = mappingSpecs(profile, issues);
  const forwardKeys = keySets(profile.matchingKeys, 'matchingKeys', issues);
  // A profile that only runs target → source matches on its receiving side with `matchingKeys`.
  const reverseKeys =
    profile.direction === 'target_to_source'
      ? forwardKeys
      : options.success
        ? keySets(options.data.reverseMatchingKeys, 'options.reverseMatchingKeys', issues)
        : [];
  if (options.success) {
    for (const spec of [specs.forward, specs.reverse]) {
      for (const [cache, required] of spec ? lookupCachesOf(spec) : []) {
        if (required && !(cache in options.data.lookups))
          issues.push({
            path: `options.lookups.${cache}`,
            message: `the mapping looks values up in "${cache}"; say where they come from, e.g. { "table": { … } } or { "links": "<profile>", "key": "sourceKey", "value": { "target": "number" } }`,
          });
      }
    }
  }
  if (issues.length > 0 || !options.success) throw new ProfileConfigError(profile.name, issues);
  const { overlapMs, pageSize, concurrency, writeBack, skipOwnChanges, retry, lookups, mode, reverseMode } =
    options.data;
  return {
    forward: specs.forward && {
      spec: specs.forward,
      map: compileMapping(specs.forward, { validate: false, direction: 'source_to_target' }),
      matchingKeys: forwardKeys,
      mode,
    },
    reverse: specs.reverse && {
      spec: specs.reverse,
      map: compileMapping(specs.reverse, { validate: false, direction: 'target_to_source' }),
      matchingKeys: reverseKeys,
      mode: profile.direction === 'target_to_source' ? mode : reverseMode,
    },
    overlapMs,
    pageSize,
    concurrency,
    writeBack,
    skipOwnChanges: skipOwnChanges ?? profile.direction === 'two_way',
    retry,
    lookups,
    optionalLookups: [specs.forward, specs.reverse].flatMap((spec) =>
      spec ? [...lookupCachesOf(spec)].filter(([, required]) => !required).map(([name]) => name) : [],
    ),
  };
}

function mappingSpecs(
  profile: Profile,
  issues: ProfileIssue[],
): { forward?: MappingSpec | undefined; reverse?: MappingSpec | undefined } {
  if (profile.direction !== 'two_way') {
    const spec = oneSpec(profile.mapping, 'mapping', issues);
    return profile.direction === 'source_to_target' ? { forward: spec } : { reverse: spec };
  }
  const value = profile.mapping;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('sourceToTarget' in value)) {
    issues.push({
      path: 'mapping',
      message: 'a two-way profile needs { sourceToTarget: <mapping>, targetToSource: <mapping> }',
    });
    return {};
  }
  const both = value as { readonly [key: string]: JsonValue };
  return {
    forward: oneSpec(both.sourceToTarget, 'mapping.sourceToTarget', issues),
    reverse: oneSpec(both.targetToSource, 'mapping.targetToSource', issues),
  };
}

function oneSpec(value: JsonValue | undefined, at: string, issues: ProfileIssue[]): MappingSpec | undefined {
  if (typeof value === 'string') {
    const ready = READY_MAPPINGS[value];
    if (!ready) {
      issues.push({
        path: at,
        message: `no ready-made mapping is called ${JSON.stringify(value)}; choose one of ${Object.keys(READY_MAPPINGS).join(', ')}`,
      });
    }
    return ready?.spec;
  }
  if (value === undefined) {
    issues.push({ path: at, message: 'is missing' });
    return undefined;
  }
  try {
    return validateMappingSpec(value);
  } catch (error) {
    if (!(error instanceof MappingSpecError)) throw error;
    for (const issue of error.issues)
      issues.push({ path: `${at}${prefixed(issue.path)}`, message: issue.message });
    return undefined;
  }
}

function keySets(keys: readonly string[], at: string, issues: ProfileIssue[]): string[][] {
  return keys.map((key, index) => {
    const parts = key.split('+').map((part) => part.trim());
    for (const part of parts) {
      const parsed = parsePath(part);
      if (typeof parsed === 'string') issues.push({ path: `${at}[${index}]`, message: parsed });
    }
    return parts;
  });
}

function prefixed(path: string): string {
  if (path === '') return '';
  return path.startsWith('[') ? path : `.${path}`;
}
