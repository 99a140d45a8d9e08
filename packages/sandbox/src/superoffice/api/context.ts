import type { IncomingHttpHeaders } from 'node:http';
import type { SuperOfficePrincipal } from '../world.js';
import { badRequest } from './errors.js';
import type { JsonValue } from './json.js';
import type { SuperOfficeTenantData } from './tenant-data.js';

/** What a handler gets for one authenticated call to a running tenant on its own host. */
export interface SoRequestContext {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path below `/{ctx}/api`, e.g. `/v1/Contact/5`. */
  readonly path: string;
  /** The query string. */
  readonly query: URLSearchParams;
  /** Route parameters (URL-decoded). */
  readonly params: Readonly<Record<string, string>>;
  /** Request headers. */
  readonly headers: IncomingHttpHeaders;
  /** The request body as received. */
  readonly rawBody: Buffer;
  /** The tenant's records. */
  readonly tenant: SuperOfficeTenantData;
  /** Who is calling. */
  readonly principal: SuperOfficePrincipal;
  /** The tenant API base of this host, e.g. `http://127.0.0.1:4010/Cust12345/api`, for `odata.nextLink`. */
  readonly apiBase: string;
  /** Largest `$top` (superoffice.md §14: the real maximum is a GAP). */
  readonly maxTop: number;
}

/** A handler's answer: `json` is serialised; no `json` means an empty body. */
export interface SoResponse {
  /** HTTP status. */
  readonly status: number;
  /** Body. */
  readonly json?: JsonValue;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A route handler; throw `SuperOfficeApiHttpError` (errors.ts) to answer with an error. */
export type SoHandler = (context: SoRequestContext) => SoResponse | Promise<SoResponse>;

/** The JSON body of a write, or 400 when it is missing or not JSON (superoffice.md §15 "400: e.g. missing body"). */
export function jsonBody(context: SoRequestContext): JsonValue {
  const text = context.rawBody.toString('utf8');
  if (text.trim() === '') throw badRequest('The request body is missing. Send the entity as JSON.');
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** A required integer route parameter, or 400. */
export function intParam(context: SoRequestContext, name: string): number {
  const raw = context.params[name] ?? '';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) throw badRequest(`'${raw}' is not a valid ${name}`);
  return value;
}
