import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUTHORIZE_PATH } from './constants.js';

/** RFC 7636 §4.1: what a code verifier (and so a `plain` challenge) may look like. */
const VERIFIER_FORMAT = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * superoffice.md §3, §23.2: SuperOffice treats a `code_challenge` sent without `code_challenge_method` as
 * `plain` (and accepts an explicit `plain`). oidc-provider 9 only knows S256 and refuses a challenge without a
 * method, so the authorization request is rewritten before it sees it: the challenge becomes its own S256 hash,
 * so the code exchange succeeds exactly when `code_verifier` equals the original challenge, as with `plain`.
 * A challenge that could never be a valid verifier is left alone, so oidc-provider rejects the request.
 *
 * Mutates `request.url`; other requests are untouched.
 */
export function rewritePlainPkce(request: IncomingMessage): void {
  if (request.method !== 'GET' || request.url === undefined) return;
  const url = new URL(request.url, 'http://superid');
  if (url.pathname !== AUTHORIZE_PATH) return;
  const challenge = url.searchParams.get('code_challenge');
  const method = url.searchParams.get('code_challenge_method');
  if (challenge === null || (method !== null && method !== 'plain') || !VERIFIER_FORMAT.test(challenge))
    return;
  url.searchParams.set('code_challenge', createHash('sha256').update(challenge).digest('base64url'));
  url.searchParams.set('code_challenge_method', 'S256');
  request.url = `${url.pathname}${url.search}`;
}
