import type { ErrorKind } from '../errors/error-kind.js';

/** The health of a connection, as shown in the CLI and the web app. */
export type ConnectionHealth = 'ok' | 'expiring' | 'needs_reauth' | 'needs_permission' | 'unreachable';

/**
 * What a classified error says about the connection it came through.
 *
 * Only errors about the connection itself change its health; record-level errors (validation, not found, conflict)
 * and throttling say nothing about it, so they return `undefined` and the health stays as it was.
 */
export function healthForErrorKind(kind: ErrorKind): ConnectionHealth | undefined {
  switch (kind) {
    case 'reauth_required':
    case 'auth_expired':
      return 'needs_reauth';
    case 'permission':
    case 'tenant':
      return 'needs_permission';
    case 'transient':
      return 'unreachable';
    case 'rate_limited':
    case 'validation':
    case 'not_found':
    case 'conflict':
    case 'protocol':
    case 'unknown':
      return undefined;
  }
}

/** Whether a connection in this health can be used for a run without the user doing something first. */
export function isUsable(health: ConnectionHealth): boolean {
  return health === 'ok' || health === 'expiring' || health === 'unreachable';
}
