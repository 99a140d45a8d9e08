import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import {
  Browser,
  callbackParams,
  interactionUid,
  type Landing,
  pageHtml,
  pkcePair,
} from '../../src/browser/scripted-browser.js';
import { startVismaConnect, type VismaConnectServer } from '../../src/visma/connect/index.js';
import { VISMA_SEED } from '../../src/visma/seed.js';
import { VismaWorld } from '../../src/visma/world.js';

/** Seeded ids the tests use. */
export const NORDLYS = VISMA_SEED.companies[0];
export const NORDLYS_EIENDOM = VISMA_SEED.companies[1];
export const KYSTFISK = VISMA_SEED.companies[2];
export const ADA = VISMA_SEED.users[0];
export const BEN = VISMA_SEED.users[1];
export const EVE = VISMA_SEED.users[2];
export const REUSE_APP = VISMA_SEED.apps[0];
export const ONE_TIME_APP = VISMA_SEED.apps[1];
export const SERVICE_APP = VISMA_SEED.apps[2];

/** A loopback redirect URI on a port other than the registered one (RFC 8252 §7.3); nothing listens there. */
export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

/** The scopes DataBridge asks for (visma-net.md §2.6). */
export const FULL_SCOPE =
  'openid profile email tenants offline_access vismanet_erp_interactive_api:read vismanet_erp_interactive_api:update';

/** A running lookalike with its world. */
export interface ConnectFixture {
  readonly world: VismaWorld;
  readonly connect: VismaConnectServer;
}

/** Starts a world and the lookalike on a free loopback port. */
export async function startFixture(
  options: { accessTokenTtlSeconds?: number } = {},
): Promise<ConnectFixture> {
  const world = new VismaWorld(VISMA_SEED);
  const connect = await startVismaConnect(world, options);
  return { world, connect };
}

/** Parameters of one authorization request. */
export interface AuthorizeRequest {
  readonly clientId?: string;
  readonly scope?: string;
  readonly prompt?: string;
  readonly maxAge?: number;
  readonly responseMode?: 'query' | 'form_post';
  readonly challenge?: string;
  readonly redirectUri?: string;
}

/** The `/connect/authorize` URL for a request, with a fresh state and nonce. */
export function authorizeUrl(issuer: string, request: AuthorizeRequest = {}): string {
  const url = new URL('/connect/authorize', issuer);
  const params: Record<string, string | undefined> = {
    client_id: request.clientId ?? REUSE_APP.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri ?? REDIRECT_URI,
    scope: request.scope ?? FULL_SCOPE,
    state: `state-${Math.random().toString(36).slice(2)}`,
    nonce: `nonce-${Math.random().toString(36).slice(2)}`,
    prompt: request.prompt,
    max_age: request.maxAge === undefined ? undefined : String(request.maxAge),
    response_mode: request.responseMode,
    code_challenge: request.challenge,
    code_challenge_method: request.challenge === undefined ? undefined : 'S256',
  };
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

/** Signs in through the pages: login (if asked), company picker (if shown), consent. Returns the callback. */
export async function signIn(
  browser: Browser,
  start: Landing,
  user: { email: string; password: string },
  tenantId?: string,
): Promise<Landing> {
  let landing = start;
  if (landing.kind === 'page' && pageHtml(landing).includes('name="password"')) {
    landing = await browser.submit(`/interaction/${interactionUid(landing)}/login`, {
      email: user.email,
      password: user.password,
    });
  }
  if (landing.kind === 'page' && pageHtml(landing).includes('name="tenant_id"')) {
    if (tenantId === undefined) throw new Error('The company picker is shown, but no tenant id was given');
    landing = await browser.submit(`/interaction/${interactionUid(landing)}/company`, {
      tenant_id: tenantId,
    });
  }
  if (landing.kind === 'page' && pageHtml(landing).includes('name="consent"')) {
    landing = await browser.submit(`/interaction/${interactionUid(landing)}/consent`, { consent: 'approve' });
  }
  return landing;
}

/** Token endpoint answer. */
export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs to `/connect/token`, with the secret in the body (default) or via HTTP Basic. */
export async function tokenRequest(
  issuer: string,
  fields: Record<string, string>,
  client: { clientId: string; clientSecret?: string; auth?: 'post' | 'basic' },
): Promise<TokenAnswer> {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.auth === 'basic') {
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret ?? '')}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
    if (client.clientSecret !== undefined) body.set('client_secret', client.clientSecret);
  }
  const response = await fetch(new URL('/connect/token', issuer), { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Exchanges an authorization code (with the PKCE verifier, if any). */
export function exchangeCode(
  issuer: string,
  code: string,
  client: { clientId: string; clientSecret?: string; auth?: 'post' | 'basic' },
  verifier?: string,
): Promise<TokenAnswer> {
  return tokenRequest(
    issuer,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...(verifier === undefined ? {} : { code_verifier: verifier }),
    },
    client,
  );
}

/** Uses a refresh token. */
export function refresh(
  issuer: string,
  refreshToken: string,
  client: { clientId: string; clientSecret?: string },
): Promise<TokenAnswer> {
  return tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken }, client);
}

/** Runs a whole sign-in for a user of a web app and exchanges the code. */
export async function connectUser(
  fixture: ConnectFixture,
  options: {
    user: { email: string; password: string };
    tenantId?: string;
    client?: { clientId: string; clientSecret?: string };
    scope?: string;
    browser?: Browser;
  },
): Promise<{ tokens: Record<string, unknown>; browser: Browser }> {
  const { issuer } = fixture.connect;
  const client = options.client ?? REUSE_APP;
  const browser = options.browser ?? new Browser(issuer);
  const { verifier, challenge } = pkcePair();
  const start = await browser.open(
    authorizeUrl(issuer, {
      clientId: client.clientId,
      prompt: 'login consent',
      challenge,
      ...(options.scope === undefined ? {} : { scope: options.scope }),
    }),
  );
  const code = callbackParams(await signIn(browser, start, options.user, options.tenantId)).get('code');
  if (code === null) throw new Error('No code in the callback');
  const answer = await exchangeCode(issuer, code, client, verifier);
  if (answer.status !== 200) throw new Error(`Code exchange failed: ${JSON.stringify(answer.body)}`);
  return { tokens: answer.body, browser };
}

/** The claims of a JWT (not verified; see the signature tests for that). */
export function claimsOf(token: unknown): JWTPayload {
  if (typeof token !== 'string') throw new Error('Not a token');
  return decodeJwt(token);
}

/** The protected header of a JWT. */
export function headerOf(token: unknown): ReturnType<typeof decodeProtectedHeader> {
  if (typeof token !== 'string') throw new Error('Not a token');
  return decodeProtectedHeader(token);
}

/** Epoch seconds now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
