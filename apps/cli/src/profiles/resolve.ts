import type { Connection, NewProfile, Profile, Run, Store } from '@databridge/core';
import { CliError } from '../cli-error.js';
import type { ProfileFile } from './profile-file.js';

/**
 * The profile a user named, by id or by name (exact, then ignoring case).
 *
 * @throws CliError naming the profile and the ones that exist.
 */
export async function findProfile(store: Store, ref: string): Promise<Profile> {
  const byId = await store.getProfile(ref);
  if (byId) return byId;
  const all = await store.listProfiles();
  const exact = all.filter((p) => p.name === ref);
  const loose = exact.length > 0 ? exact : all.filter((p) => p.name.toLowerCase() === ref.toLowerCase());
  const [only, second] = loose;
  if (only && !second) return only;
  if (only && second)
    throw new CliError(
      `${loose.length} profiles are called ${JSON.stringify(ref)}; name one by id: ${loose.map((p) => p.id).join(', ')}`,
    );
  throw new CliError(
    `No profile ${JSON.stringify(ref)}${
      all.length > 0
        ? `; profiles: ${all.map((p) => JSON.stringify(p.name)).join(', ')}`
        : '; add one with `databridge profiles add --file <file>`'
    }.`,
  );
}

/** Finds a connection by id or name (exact, then ignoring case); `undefined` when none or several match. */
function findConnection(connections: readonly Connection[], ref: string): Connection | undefined {
  const byId = connections.find((c) => c.id === ref);
  if (byId) return byId;
  const exact = connections.filter((c) => c.name === ref);
  const loose =
    exact.length > 0 ? exact : connections.filter((c) => c.name.toLowerCase() === ref.toLowerCase());
  return loose.length === 1 ? loose[0] : undefined;
}

/**
 * Turns a validated profile file into what the store takes, looking its connections up by name or id.
 *
 * @throws CliError naming every connection that does not exist (and the ones that do).
 */
export async function resolveProfileConnections(store: Store, file: ProfileFile): Promise<NewProfile> {
  const connections = await store.listConnections();
  const source = findConnection(connections, file.source.connection);
  const target = findConnection(connections, file.target.connection);
  const missing = [
    ...(source ? [] : [file.source.connection]),
    ...(target || file.target.connection === file.source.connection ? [] : [file.target.connection]),
  ];
  if (!source || !target) {
    throw new CliError(
      `No connection ${missing.map((name) => JSON.stringify(name)).join(' or ')}${
        connections.length > 0
          ? `; connections: ${connections.map((c) => `${JSON.stringify(c.name)} (${c.system})`).join(', ')}`
          : '; connect one first with `databridge connect visma` or `databridge connect superoffice`'
      }.`,
    );
  }
  return {
    name: file.name,
    source: { connectionId: source.id, entity: file.source.entity },
    target: { connectionId: target.id, entity: file.target.entity },
    direction: file.direction,
    mapping: file.mapping,
    matchingKeys: file.matchingKeys,
    ...(file.schedule === undefined ? {} : { schedule: file.schedule }),
    options: file.options,
  };
}

/**
 * Refuses a profile name another profile already has (profiles are named on the command line).
 *
 * @throws CliError naming the clash.
 */
export async function ensureUniqueName(store: Store, name: string, exceptId?: string): Promise<void> {
  const clash = (await store.listProfiles()).find(
    (p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash)
    throw new CliError(
      `A profile called ${JSON.stringify(clash.name)} already exists (${clash.id}); choose another name or change it with \`databridge profiles edit\`.`,
    );
}

/**
 * The run a user named: a run id, a unique start of one (at least 6 characters), or a profile (its latest run).
 *
 * @throws CliError naming it when nothing (or more than one run) matches.
 */
export async function findRun(
  store: Store,
  ref: string,
): Promise<{ run: Run; profile: Profile | undefined }> {
  const exact = await store.getRun(ref);
  if (exact) return { run: exact, profile: await store.getProfile(exact.profileId) };
  const profiles = await store.listProfiles();
  if (ref.length >= 6) {
    const matches: { run: Run; profile: Profile }[] = [];
    for (const profile of profiles) {
      for (const run of await store.listRuns(profile.id)) {
        if (run.id.startsWith(ref)) matches.push({ run, profile });
      }
    }
    const [only, second] = matches;
    if (only && !second) return only;
    if (second)
      throw new CliError(
        `${matches.length} runs start with ${JSON.stringify(ref)}; give more of the run id.`,
      );
  }
  const named = profiles.filter((p) => p.id === ref || p.name.toLowerCase() === ref.toLowerCase());
  if (named.length === 1 && named[0]) {
    const [latest] = await store.listRuns(named[0].id, { limit: 1 });
    if (latest) return { run: latest, profile: named[0] };
    throw new CliError(
      `Profile ${JSON.stringify(named[0].name)} has not run yet; start it with \`databridge run\`.`,
    );
  }
  throw new CliError(`No run ${JSON.stringify(ref)}; list runs with \`databridge runs\`.`);
}
