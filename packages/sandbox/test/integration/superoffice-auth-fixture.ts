import { createSign } from 'node:crypto';
import { Browser, pkcePair } from '../../src/browser/scripted-browser.js';
import {
  type SuperOfficeAuthHost,
  type SuperOfficeAuthHostOptions,
  signInToSuperOffice,
  startSuperOfficeAuthHost,
} from '../../src/superoffice/auth-host/index.js';
import { SUPEROFFICE_SEED } from '../../src/superoffice/seed.js';
import { SuperOfficeWorld } from '../../src/superoffice/world.js';

/** Seeded ids the tests use. */
export const NORDLYS = SUPEROFFICE_SEED.tenants[0];
export const KYSTFISK = SUPEROFFICE_SEED.tenants[1];
/** Administrator of both tenants. */
export const SIRI = SUPEROFFICE_SEED.users[0];
/** Normal user of Nordlys only. */
export const OLA = SUPEROFFICE_SEED.users[1];
/** Approved on Nordlys, not on Kystfisk. */
export const APP = SUPEROFFICE_SEED.apps[0];

/** A loopback redirect URI on some port (RFC 8252 §7.3); nothing listens there. */
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** The lead's tenant API URL mapping, with a made-up port per host index. */
export const tenantApiUrl = (ctx: string, hostIndex: number): string =>
  `http://127.0.0.1:${41000 + hostIndex}/${ctx}/api`;

/** A running auth host with its world. */
export interface AuthFixture {
  /** The seeded world the host issues into. */
  readonly world: SuperOfficeWorld;
  /** The running auth host. */
  readonly host: SuperOfficeAuthHost;
}

/** Starts a world and the auth host on a free loopback port. */
export async function startAuthFixture(
  options: Omit<SuperOfficeAuthHostOptions, 'tenantApiUrl'> = {},
): Promise<AuthFixture> {
  const world = new SuperOfficeWorld(SUPEROFFICE_SEED);
  const host = await startSuperOfficeAuthHost(world, { ...options, tenantApiUrl });
  return { world, host };
}

/** Parameters of one authorization request. */
export interface AuthorizeRequest {
  readonly challenge?: string;
  readonly challengeMethod?: 'S256' | 'plain';
  readonly acrTenant?: string;
  readonly prompt?: string;
  readonly responseMode?: 'query' | 'form_post';
  readonly loginHint?: string;
  readonly nonce?: string;
}

/** The authorize URL for a request, with a fresh state and nonce. */
export function authorizeUrl(issuer: string, request: AuthorizeRequest = {}): string {
  const url = new URL('/login/common/oauth/authorize', issuer);
  const params: Record<string, string | undefined> = {
    client_id: APP.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    state: `state-${Math.random().toString(36).slice(2)}`,
    nonce: request.nonce ?? `nonce-${Math.random().toString(36).slice(2)}`,
    acr_values: request.acrTenant === undefined ? undefined : `tenant:${request.acrTenant}`,
    prompt: request.prompt,
    response_mode: request.responseMode,
    login_hint: request.loginHint,
    code_challenge: request.challenge,
    code_challenge_method: request.challengeMethod,
  };
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

/** Token endpoint answer. */
export interface TokenAnswer {
  /** HTTP status. */
  readonly status: number;
  /** Parsed JSON body. */
  readonly body: Record<string, unknown>;
}

/** POSTs to the token endpoint, with the secret in the body (default) or via HTTP Basic. */
export async function tokenRequest(
  issuer: string,
  fields: Record<string, string>,
  auth: 'post' | 'basic' = 'post',
): Promise<TokenAnswer> {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') {
    const pair = `${encodeURIComponent(APP.clientId)}:${encodeURIComponent(APP.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    body.set('client_id', APP.clientId);
    body.set('client_secret', APP.clientSecret);
  }
  const response = await fetch(new URL('/login/common/oauth/tokens', issuer), {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Exchanges a code (with the PKCE verifier, if any). */
export function exchangeCode(
  issuer: string,
  code: string,
  verifier?: string,
  auth?: 'post' | 'basic',
): Promise<TokenAnswer> {
  const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
  return tokenRequest(issuer, verifier === undefined ? fields : { ...fields, code_verifier: verifier }, auth);
}

/** Uses a refresh token. */
export function refresh(issuer: string, refreshToken: string): Promise<TokenAnswer> {
  return tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** Signs in with PKCE S256 and exchanges the code; returns the token response body. */
export async function connect(
  fixture: AuthFixture,
  who: { email: string; password: string; tenant?: string },
  request: AuthorizeRequest = {},
): Promise<Record<string, unknown>> {
  const { issuer } = fixture.host;
  const { verifier, challenge } = pkcePair();
  const callback = await signInToSuperOffice(
    new Browser(issuer),
    authorizeUrl(issuer, { ...request, challenge, challengeMethod: 'S256' }),
    who,
  );
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`No code in ${callback.href}`);
  const answer = await exchangeCode(issuer, code, verifier);
  if (answer.status !== 200) throw new Error(`Code exchange failed: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** `yyyyMMddHHmm` in UTC. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 12);
}

/** superoffice.md §5 step 3: `"{systemToken}.{yyyyMMddHHmm}.{base64 RSA-SHA256 signature}"`. */
export function signSystemToken(systemToken: string, privateKeyPem: string, at: Date = new Date()): string {
  const payload = `${systemToken}.${utcStamp(at)}`;
  const signature = createSign('RSA-SHA256').update(payload).sign(privateKeyPem, 'base64');
  return `${payload}.${signature}`;
}

/** POSTs the system-user exchange. */
export async function exchangeSystemUser(
  issuer: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/Login/api/PartnerSystemUser/Authenticate', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
