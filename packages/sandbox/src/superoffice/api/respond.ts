import type { ServerResponse } from 'node:http';
import type { SoResponse } from './context.js';
import type { SuperOfficeApiHttpError } from './http-error.js';

const JSON_TYPE = 'application/json; charset=utf-8';

function write(
  response: ServerResponse,
  status: number,
  json: unknown,
  headers: Readonly<Record<string, string>>,
): void {
  const all: Record<string, string> = { ...headers };
  const body = json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json));
  if (json !== undefined) all['content-type'] = JSON_TYPE;
  all['content-length'] = String(body.length);
  response.writeHead(status, all);
  response.end(body);
}

/** Writes a handler's answer. */
export function writeResponse(response: ServerResponse, answer: SoResponse): void {
  write(response, answer.status, answer.json, answer.headers ?? {});
}

/** Writes an error answer (its §15 body and headers). */
export function writeError(response: ServerResponse, error: SuperOfficeApiHttpError): void {
  write(response, error.status, error.body, error.headers);
}
