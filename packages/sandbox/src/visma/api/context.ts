import type { IncomingHttpHeaders } from 'node:http';
import type { VismaCompanyData } from './company-data.js';
import { validationError } from './errors.js';

/** What a resource handler gets for one authorised call. */
export interface ApiRequestContext {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path, e.g. `/v1/customer/10001`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Route parameters, e.g. `{ number: '10001' }` (URL-decoded). */
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The company the token is scoped to. */
  readonly company: VismaCompanyData;
  /** The API base including `/v1`, e.g. `http://127.0.0.1:4010/v1`, for `Location` headers. */
  readonly baseUrl: string;
  /** Largest page size (visma-net.md §6). */
  readonly maxPageSize: number;
  /** The request body as received. */
  readonly rawBody: Buffer;
}

/** A handler's answer. `json` is serialised; otherwise `body` is sent as is (or nothing). */
export interface ApiResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly body?: Buffer;
  readonly contentType?: string;
}

/** A resource handler. Throw `VismaApiHttpError` (see errors.ts) to answer with an error. */
export type ApiHandler = (context: ApiRequestContext) => ApiResponse | Promise<ApiResponse>;

/** The JSON body of a write, or 400 `{"message":"VismaId: …"}` when it is missing or not JSON. */
export function jsonBody(context: ApiRequestContext): unknown {
  const text = context.rawBody.toString('utf8');
  if (text.trim() === '') throw validationError('The request body is empty. Send the DTO as JSON.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw validationError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}
