import { acquireRunLease, type Profile, type Store } from '@databridge/core';
import { CliError } from '../cli-error.js';

/**
 * Removes a profile with its runs, run records, links and checkpoint (`Store.deleteProfile`), refusing while it runs.
 *
 * @throws CliError while a run of the profile holds its lease.
 */
export async function deleteProfile(store: Store, profile: Profile): Promise<void> {
  const lease = await acquireRunLease(store, profile.id, 30_000);
  if (!lease)
    throw new CliError(
      `Profile ${JSON.stringify(profile.name)} is running; wait for the run to finish (\`databridge runs\`) and remove it then.`,
    );
  try {
    await store.deleteProfile(profile.id);
  } finally {
    await lease.release();
  }
}

/** Profiles whose lookups read `profile`'s links (they stop working once it is removed). */
export async function dependentsOf(store: Store, profile: Profile): Promise<Profile[]> {
  const all = await store.listProfiles();
  return all.filter((other) => {
    if (other.id === profile.id) return false;
    const lookups = (other.options as { lookups?: Record<string, { links?: unknown }> }).lookups ?? {};
    return Object.values(lookups).some(
      (source) =>
        source &&
        typeof source === 'object' &&
        (source.links === profile.name || source.links === profile.id),
    );
  });
}
