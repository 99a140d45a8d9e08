import { verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { sendJson } from '../../server/http.js';
import { type SuperOfficeSandboxApp, type SuperOfficeWorld, TICKET_LIFETIME_MS } from '../world.js';
import {
  CLAIM_NAMESPACE,
  SYSTEM_USER_JWT_ISSUER,
  SYSTEM_USER_JWT_TTL_SECONDS,
  TICKET_CLAIM,
} from './constants.js';

/** The exchange's answer (superoffice.md §5 step 4: `IsSuccessful`, `Token`, `ErrorMessage`; full shape UNCERTAIN). */
export interface SystemUserAnswer {
  /** Whether a ticket was issued. */
  readonly IsSuccessful: boolean;
  /** The JWT carrying the ticket, or null on failure. */
  readonly Token: string | null;
  /** Empty on success, else why it failed. */
  readonly ErrorMessage: string;
}

/** Settings of the exchange. */
export interface SystemUserSettings {
  /** How far the signed timestamp may be from now, in seconds, either way. */
  readonly skewSeconds: number;
}

class Refusal extends Error {}

const MAX_BODY_BYTES = 64 * 1024;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal('The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal('The request body must be JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Refusal('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/** ASP.NET binds JSON property names case-insensitively; so does the stand-in [infer]. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : body[key];
  return typeof value === 'string' ? value : undefined;
}

/** Parses `yyyyMMddHHmm` (UTC) to epoch ms. */
function parseTimestamp(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(ms);
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60
    ? ms
    : undefined;
}

/** Splits `"{systemToken}.{yyyyMMddHHmm}.{base64 signature}"` from the right (the token itself has no dots). */
function splitSignedToken(signed: string): {
  payload: string;
  systemToken: string;
  timestamp: string;
  signature: string;
} {
  const last = signed.lastIndexOf('.');
  const middle = last <= 0 ? -1 : signed.lastIndexOf('.', last - 1);
  if (middle <= 0)
    throw new Refusal('SignedSystemToken must look like "{system token}.{yyyyMMddHHmm}.{signature}".');
  return {
    payload: signed.slice(0, last),
    systemToken: signed.slice(0, middle),
    timestamp: signed.slice(middle + 1, last),
    signature: signed.slice(last + 1),
  };
}

/** superoffice.md §5 step 3: RSA PKCS#1 v1.5 + SHA-256 over the UTF-8 bytes of `"{systemToken}.{timestamp}"`. */
function signatureValid(app: SuperOfficeSandboxApp, payload: string, signature: string): boolean {
  try {
    return verify(
      'RSA-SHA256',
      Buffer.from(payload, 'utf8'),
      app.systemUserPublicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/**
 * `POST /Login/api/PartnerSystemUser/Authenticate` (superoffice.md §5): the system-user exchange.
 *
 * Request JSON `{SignedSystemToken, ApplicationToken, ContextIdentifier, ReturnTokenType: "JWT"}`. The app is
 * found by its application token (client secret); it must be approved on the tenant and the signed system token
 * must be the one issued at that consent, signed with the app's private key, with a UTC timestamp within
 * `skewSeconds` of now; the tenant must be running (superoffice.md §2).
 *
 * Success: 200 `{IsSuccessful: true, Token, ErrorMessage: ""}`; `Token` is an RS256 JWT (world signing key, `kid`),
 * `iss` "SuperOffice AS", `aud` `spn:{serial}`, the ticket in `…/identity/ticket`, the tenant in `…/identity/ctx`,
 * `exp` an hour ahead (its lifetime is UNCERTAIN upstream). The ticket is recorded in the world for 6 h, sliding.
 *
 * Failure: also **200** with `{IsSuccessful: false, Token: null, ErrorMessage}`: the official sample reads
 * `IsSuccessful` rather than the status, which suggests failures are not HTTP errors (UNCERTAIN, superoffice.md §5).
 * Only a body that is not JSON gets 400, with the same shape.
 */
export function systemUserRoute(world: SuperOfficeWorld, settings: SystemUserSettings) {
  const refuse = (response: ServerResponse, status: number, message: string): void => {
    const answer: SystemUserAnswer = { IsSuccessful: false, Token: null, ErrorMessage: message };
    sendJson(response, status, answer);
  };
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'POST') {
      refuse(response, 405, 'Use POST.');
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJson(request);
    } catch (error) {
      refuse(response, 400, error instanceof Refusal ? error.message : 'Unreadable request.');
      return;
    }
    try {
      const token = await exchange(world, settings, body);
      const answer: SystemUserAnswer = { IsSuccessful: true, Token: token, ErrorMessage: '' };
      sendJson(response, 200, answer);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refuse(response, 200, error.message);
    }
  };
}

async function exchange(
  world: SuperOfficeWorld,
  settings: SystemUserSettings,
  body: Record<string, unknown>,
): Promise<string> {
  const returnType = field(body, 'ReturnTokenType') ?? 'JWT';
  if (returnType.toUpperCase() !== 'JWT')
    throw new Refusal(`ReturnTokenType ${returnType} is not supported; use JWT.`);
  const applicationToken = field(body, 'ApplicationToken') ?? '';
  const app = [...world.apps.values()].find((candidate) => candidate.clientSecret === applicationToken);
  if (!applicationToken || !app) throw new Refusal('Unknown ApplicationToken.');
  const ctx = field(body, 'ContextIdentifier') ?? '';
  const tenant = world.tenants.get(ctx);
  if (!tenant) throw new Refusal(`Unknown ContextIdentifier "${ctx}".`);
  const consent = app.consents.get(ctx);
  if (!consent) throw new Refusal(`${app.name} is not approved for tenant ${ctx}.`);
  const signed = splitSignedToken(field(body, 'SignedSystemToken') ?? '');
  if (signed.systemToken !== consent.systemToken) {
    throw new Refusal(`The system user token is not the one issued to ${app.name} for tenant ${ctx}.`);
  }
  if (!signatureValid(app, signed.payload, signed.signature)) {
    throw new Refusal(
      "The signature of the SignedSystemToken does not verify with the application's public key.",
    );
  }
  const signedAt = parseTimestamp(signed.timestamp);
  if (signedAt === undefined)
    throw new Refusal(`The timestamp "${signed.timestamp}" is not yyyyMMddHHmm (UTC).`);
  if (Math.abs(Date.now() - signedAt) > settings.skewSeconds * 1000) {
    throw new Refusal(
      `The SignedSystemToken timestamp ${signed.timestamp} (UTC) is more than ${settings.skewSeconds} s from now.`,
    );
  }
  if (!world.isRunning(ctx)) throw new Refusal(`Tenant ${ctx} is not running (state ${tenant.state}).`);

  const ticket = world.newTicket();
  world.recordCredential(ticket, {
    kind: 'system',
    ctx,
    clientId: app.clientId,
    associateId: 0,
    expiresAt: Date.now() + TICKET_LIFETIME_MS,
  });
  return new SignJWT({ [TICKET_CLAIM]: ticket, [`${CLAIM_NAMESPACE}ctx`]: ctx })
    .setProtectedHeader({ alg: 'RS256', kid: world.signingKey.kid, typ: 'JWT' })
    .setIssuer(SYSTEM_USER_JWT_ISSUER)
    .setAudience(`spn:${tenant.serial}`)
    .setIssuedAt()
    .setNotBefore(Math.floor(Date.now() / 1000))
    .setExpirationTime(`${SYSTEM_USER_JWT_TTL_SECONDS}s`)
    .sign(world.signingKey.privateKey);
}
