import type { IncomingHttpHeaders } from 'node:http';
import type { SuperOfficePrincipal, SuperOfficeWorld } from '../world.js';
import { unauthorized } from './errors.js';

/**
 * Authorization on the tenant host (superoffice.md §6): `Bearer <access token>` (interactive users), or
 * `SOTicket <ticket>` **plus** `SO-AppToken: <client secret>` (system user). Basic and Negotiate are onsite-only and
 * refused. `SO-AppToken` with Bearer is UNCERTAIN upstream (§6, §25.4): the stand-in neither needs nor checks it.
 * Unknown, expired or revoked credentials, a scheme that doesn't fit the credential, and a credential issued for
 * another tenant all answer 401 (§15; the 401-vs-403 split is a GAP).
 */
export function authenticate(
  world: SuperOfficeWorld,
  ctx: string,
  headers: IncomingHttpHeaders,
): SuperOfficePrincipal {
  const header = headers.authorization?.trim();
  if (!header) throw unauthorized('No Authorization header: send Bearer <access token> or SOTicket <ticket>');
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const credential = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme !== 'bearer' && scheme !== 'soticket')
    throw unauthorized(`The ${scheme} scheme is not available in SuperOffice Online; use Bearer or SOTicket`);
  if (credential === '') throw unauthorized(`The ${scheme} credential is empty`);
  const appToken = headers['so-apptoken'];
  if (scheme === 'soticket' && (typeof appToken !== 'string' || appToken === ''))
    throw unauthorized('SOTicket requires the SO-AppToken header (the application token / client secret)');
  const principal = world.authenticate(credential);
  if (!principal) throw unauthorized('The credential is unknown, expired or revoked');
  if (scheme === 'bearer' && principal.kind !== 'user')
    throw unauthorized('A system-user ticket must be sent as SOTicket with SO-AppToken, not as Bearer');
  if (scheme === 'soticket') {
    if (principal.kind !== 'system')
      throw unauthorized('An access token must be sent as Bearer, not as SOTicket');
    if (world.apps.get(principal.clientId)?.clientSecret !== appToken)
      throw unauthorized('SO-AppToken does not match the application that owns the ticket');
  }
  if (principal.ctx !== ctx)
    throw unauthorized(`The credential was issued for tenant ${principal.ctx}, not ${ctx}`);
  return principal;
}
