import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import { sendJson } from '../../server/http.js';
import type { VismaWorld } from '../world.js';
import { userClaims } from './accounts.js';

function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function deny(response: ServerResponse, status: 401 | 403, error: string, description: string): void {
  sendJson(
    response,
    status,
    { error, error_description: description },
    { 'www-authenticate': `Bearer error="${error}", error_description="${description}"` },
  );
}

/**
 * `/connect/userinfo` (visma-net.md §2.1) for our JWT access tokens. oidc-provider's own endpoint rejects access
 * tokens that carry an audience, and Visma's always do, so this one runs first: it verifies the signature with
 * `world.keys`, the issuer and expiry, refuses tokens of revoked grants, and releases the claims the token's
 * identity scopes allow. A token without `openid` (client credentials) gets 403 `insufficient_scope`.
 */
export function userinfoRoute(world: VismaWorld, issuer: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      sendJson(
        response,
        405,
        { error: 'invalid_request', error_description: 'Use GET or POST' },
        { allow: 'GET, POST' },
      );
      return;
    }
    const token = bearerToken(request);
    if (token === undefined) {
      deny(response, 401, 'invalid_token', 'no access token provided');
      return;
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, world.keys.publicKey, { issuer, algorithms: ['RS256'] }));
    } catch {
      deny(response, 401, 'invalid_token', 'invalid token provided');
      return;
    }
    const { jti, sub, scope } = payload;
    if (typeof jti === 'string' && world.isAccessTokenRevoked(jti)) {
      deny(response, 401, 'invalid_token', 'invalid token provided');
      return;
    }
    const scopes = typeof scope === 'string' ? scope : '';
    if (!scopes.split(' ').includes('openid')) {
      deny(response, 403, 'insufficient_scope', 'access token missing openid scope');
      return;
    }
    const user = typeof sub === 'string' ? world.users.get(sub) : undefined;
    if (!user) {
      deny(response, 401, 'invalid_token', 'invalid token provided');
      return;
    }
    sendJson(response, 200, userClaims(user, scopes));
  };
}
