import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose';
import { classifySuperOfficeError, classifySuperOfficeNetworkError } from '../errors/classify.js';
import { SuperOfficeConfigError } from '../errors/superoffice-config-error.js';
import { SuperOfficeError } from '../errors/superoffice-error.js';
import { SUPEROFFICE_CLAIMS } from './connect-interactive.js';
import type { SuperOfficeSystemConnection } from './connection.js';
import type { SuperOfficeAuth } from './superoffice-auth.js';

/** A ticket lives 6 hours and each use slides it (superoffice.md §5). */
export const TICKET_LIFETIME_MS = 6 * 60 * 60 * 1000;

/**
 * Reads an RSA private key given as PEM (PKCS#1 or PKCS#8) or in the RSA-XML format SuperOffice hands out
 * (`<RSAKeyValue><Modulus>…</Modulus>…</RSAKeyValue>`, superoffice.md §5).
 *
 * @throws `SuperOfficeConfigError` when the key is neither.
 */
export function readSystemUserPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  const text = key.trim();
  try {
    if (text.startsWith('-----BEGIN')) return createPrivateKey(text);
    if (text.startsWith('<RSAKeyValue>')) {
      const part = (name: string) => {
        const value = text.match(new RegExp(`<${name}>([^<]+)</${name}>`))?.[1];
        if (!value) throw new Error(`<${name}> is missing`);
        return Buffer.from(value.trim(), 'base64').toString('base64url');
      };
      return createPrivateKey({
        format: 'jwk',
        key: {
          kty: 'RSA',
          n: part('Modulus'),
          e: part('Exponent'),
          d: part('D'),
          p: part('P'),
          q: part('Q'),
          dp: part('DP'),
          dq: part('DQ'),
          qi: part('InverseQ'),
        },
      });
    }
  } catch (cause) {
    throw new SuperOfficeConfigError([
      { path: 'privateKey', message: `could not be read: ${(cause as Error).message}` },
    ]);
  }
  throw new SuperOfficeConfigError([
    { path: 'privateKey', message: 'must be a PEM private key or an RSA-XML <RSAKeyValue> document' },
  ]);
}

/** `yyyyMMddHHmm` in UTC, as the signed system token wants it. */
function timestamp(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
}

/**
 * Signs `"{systemToken}.{yyyyMMddHHmm}"` with RSA PKCS#1 v1.5 + SHA-256 and appends `"." + base64(signature)`
 * (superoffice.md §5 step 3).
 */
export function signSystemUserToken(
  systemToken: string,
  privateKey: string | KeyObject,
  now: Date = new Date(),
): string {
  const payload = `${systemToken}.${timestamp(now)}`;
  const signature = createSign('RSA-SHA256')
    .update(payload)
    .sign(readSystemUserPrivateKey(privateKey), 'base64');
  return `${payload}.${signature}`;
}

/** What {@link connectSystemUser} needs. */
export interface ConnectSystemUserOptions {
  /** Tenant context identifier, e.g. `Cust12345`. */
  tenant: string;
  /** The `system_token` claim received when the tenant administrator approved the app. */
  systemToken: string;
  /** The app's RSA private key: PEM or RSA-XML. */
  privateKey: string | KeyObject;
  /** Known REST base of the tenant, if any. */
  webApiUrl?: string;
}

/**
 * System-user sign-in (server to server): signs the system token, exchanges it at
 * `/Login/api/PartnerSystemUser/Authenticate`, validates the returned JWT (issuer `SuperOffice AS`, audience
 * `spn:…`, signature via SuperID's JWKS) and keeps the ticket. Calls then use `SOTicket` + `SO-AppToken`.
 *
 * @throws `SuperOfficeConfigError` for a missing secret or unreadable key; `SuperOfficeError` `reauth_required`
 *   when SuperOffice refuses the exchange (consent revoked, wrong key), `protocol` for an invalid JWT.
 */
export async function connectSystemUser(
  auth: SuperOfficeAuth,
  options: ConnectSystemUserOptions,
): Promise<SuperOfficeSystemConnection> {
  if (!auth.clientSecret) {
    throw new SuperOfficeConfigError([
      { path: 'clientSecret', message: 'is required for the system user (it is the SO-AppToken)' },
    ]);
  }
  if (!/^Cust\d+$/.test(options.tenant)) {
    throw new SuperOfficeConfigError([
      { path: 'tenant', message: 'must be a context identifier such as Cust12345' },
    ]);
  }
  const request = 'POST /Login/api/PartnerSystemUser/Authenticate';
  const context = { tenant: options.tenant, clientId: auth.clientId, user: 'the system user', request };
  const signed = signSystemUserToken(options.systemToken, options.privateKey);
  let response: Response;
  try {
    response = await auth.fetch(`${auth.issuer}/Login/api/PartnerSystemUser/Authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        SignedSystemToken: signed,
        ApplicationToken: auth.clientSecret,
        ContextIdentifier: options.tenant,
        ReturnTokenType: 'JWT',
      }),
      signal: AbortSignal.timeout(auth.timeoutMs),
    });
  } catch (error) {
    throw classifySuperOfficeNetworkError(error, context);
  }
  const text = await response.text();
  if (!response.ok)
    throw classifySuperOfficeError(
      { status: response.status, headers: response.headers, body: text },
      context,
    );
  const body = safeJson(text) as
    | { IsSuccessful?: unknown; Token?: unknown; ErrorMessage?: unknown }
    | undefined;
  if (body?.IsSuccessful !== true || typeof body.Token !== 'string') {
    throw new SuperOfficeError({
      kind: 'reauth_required',
      status: response.status,
      retryable: false,
      tenant: options.tenant,
      request,
      detail: typeof body?.ErrorMessage === 'string' ? body.ErrorMessage : undefined,
      message: `${request}: SuperOffice refused the system-user exchange for tenant ${options.tenant}${typeof body?.ErrorMessage === 'string' ? ` (${body.ErrorMessage})` : ''}`,
      remedy: `Check the app's private key and system token for tenant ${options.tenant}; if an administrator uninstalled the app, approve it again and reconnect.`,
    });
  }
  const ticket = await verifySystemUserJwt(auth, body.Token, request, options.tenant);
  return {
    kind: 'system',
    clientId: auth.clientId,
    tenant: options.tenant,
    webApiUrl: options.webApiUrl?.replace(/\/+$/, ''),
    systemToken: options.systemToken,
    ticket,
    expiresAt: Date.now() + TICKET_LIFETIME_MS,
  };
}

async function verifySystemUserJwt(
  auth: SuperOfficeAuth,
  token: string,
  request: string,
  tenant: string,
): Promise<string> {
  const invalid = (reason: string, cause?: unknown) =>
    new SuperOfficeError({
      kind: 'protocol',
      status: 0,
      retryable: false,
      tenant,
      request,
      message: `${request}: the system-user JWT is not valid (${reason})`,
      remedy: 'Check that the environment (issuer) is right; if it is, report this to SuperOffice support.',
      cause,
    });
  const jwksUri = auth.oidc.serverMetadata().jwks_uri;
  if (!jwksUri) throw invalid('SuperID publishes no jwks_uri');
  let claims: Record<string, unknown>;
  try {
    const jwks = (await (
      await auth.fetch(jwksUri, { signal: AbortSignal.timeout(auth.timeoutMs) })
    ).json()) as JSONWebKeySet;
    try {
      claims = (await jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'SuperOffice AS' })).payload;
    } catch (error) {
      // The JWT's lifetime is undocumented (UNCERTAIN, §5) and official samples ignore exp: the ticket inside is the
      // credential, so an expired but otherwise valid JWT (signature and issuer were checked first) is accepted.
      if (!(error instanceof errors.JWTExpired)) throw error;
      claims = error.payload;
    }
  } catch (cause) {
    throw invalid((cause as Error).message, cause);
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((aud) => typeof aud === 'string' && aud.startsWith('spn:')))
    throw invalid('audience is not spn:…');
  const ticket = claims[`${SUPEROFFICE_CLAIMS}ticket`];
  if (typeof ticket !== 'string' || ticket === '') throw invalid(`no ${SUPEROFFICE_CLAIMS}ticket claim`);
  return ticket;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
