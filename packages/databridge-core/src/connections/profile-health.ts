import type { Connection } from '../model/connection.js';
import type { Profile } from '../model/profile.js';
import type { Store } from '../store/store.js';
import type { ConnectionHealth } from './health.js';

/** How a profile stands, as the CLI and the web app show it: the health of the worse of its two connections. */
export interface ProfileHealth {
  /** The worse health of the profile's two connections. */
  readonly health: ConnectionHealth;
  /** The connection that needs attention, when one does. */
  readonly connection?: Connection | undefined;
  /** What to do, from that connection's last classified error. */
  readonly remedy?: string | undefined;
}

const SEVERITY: Readonly<Record<ConnectionHealth, number>> = {
  ok: 0,
  expiring: 1,
  unreachable: 2,
  needs_permission: 3,
  needs_reauth: 4,
};

/**
 * A profile's health, derived from its connections (never stored on the profile), so one broken connection shows
 * the same health and remedy on every profile that uses it, and one reconnect clears them all.
 */
export async function profileHealth(store: Store, profile: Profile): Promise<ProfileHealth> {
  const ends = [profile.source.connectionId, profile.target.connectionId];
  let worst: Connection | undefined;
  for (const id of ends) {
    const connection = await store.getConnection(id);
    if (!connection) continue;
    if (!worst || SEVERITY[connection.health] > SEVERITY[worst.health]) worst = connection;
  }
  if (!worst || worst.health === 'ok') return { health: 'ok' };
  return { health: worst.health, connection: worst, remedy: worst.lastError?.remedy };
}
