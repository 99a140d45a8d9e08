import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterConstructor } from 'oidc-provider';
import { readForm, sendJson } from '../../server/http.js';
import type { SuperOfficeWorld } from '../world.js';
import type { TenantGrants } from './grants.js';

/** The client named by HTTP Basic or `client_id`/`client_secret`, or undefined when none is sent. */
function clientCredentials(
  request: IncomingMessage,
  params: URLSearchParams,
): { id: string; secret: string } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic !== undefined) {
    const pair = Buffer.from(basic, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    const id = colon < 0 ? pair : pair.slice(0, colon);
    const secret = colon < 0 ? '' : pair.slice(colon + 1);
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  const id = params.get('client_id');
  return id === null ? undefined : { id, secret: params.get('client_secret') ?? '' };
}

/**
 * `POST /login/common/oauth/Revoke?token=…&token_type_hint=…` (superoffice.md §3: the official Node sample sends
 * the refresh token in the query with `token_type_hint=JWT`). Parameters are read from the query and from a form
 * body; the hint is ignored (RFC 7009 §2.1 allows that).
 *
 * - A refresh token: its grant is destroyed (the refresh token then answers `invalid_grant`) and the access
 *   tokens issued under it stop working. The app's consent on the tenant stays (revoking consent is the tenant
 *   uninstalling the app, superoffice.md §3).
 * - An access token issued here: only it stops working.
 * - Anything else: nothing happens; 200 as RFC 7009 §2.2 says.
 *
 * Client authentication is optional, since the sample sends none (UNCERTAIN upstream); if credentials are sent
 * they must be right (401 `invalid_client`), and then only that client's tokens are revoked.
 */
export function revokeRoute(world: SuperOfficeWorld, grants: TenantGrants, adapter: AdapterConstructor) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: 'invalid_request', error_description: 'Use POST' }, { allow: 'POST' });
      return;
    }
    const params = new URL(request.url ?? '/', 'http://superid').searchParams;
    for (const [name, value] of await readForm(request)) params.set(name, value);
    const token = params.get('token');
    if (!token) {
      sendJson(response, 400, {
        error: 'invalid_request',
        error_description: "missing required parameter 'token'",
      });
      return;
    }
    const client = clientCredentials(request, params);
    if (client && world.apps.get(client.id)?.clientSecret !== client.secret) {
      sendJson(response, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
      return;
    }
    const refreshToken = await new adapter('RefreshToken').find(token);
    const ownedBy = (clientId: string | undefined): boolean => !client || client.id === clientId;
    if (refreshToken?.grantId !== undefined && ownedBy(refreshToken.clientId)) {
      await grants.destroy(refreshToken.grantId, { expireAccessTokens: true });
    } else {
      const grantId = grants.grantOfAccessToken(token);
      const grant = grantId === undefined ? undefined : grants.get(grantId);
      if (grant && ownedBy(grant.clientId)) grants.expireAccessToken(token);
    }
    response.writeHead(200, { 'content-length': 0, 'cache-control': 'no-store' });
    response.end();
  };
}
