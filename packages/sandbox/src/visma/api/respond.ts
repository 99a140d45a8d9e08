import type { ServerResponse } from 'node:http';
import type { ApiResponse } from './context.js';
import type { VismaApiHttpError } from './http-error.js';

/** Writing responses: success answers and the error body shapes of visma-net.md §3.1. */

const JSON_TYPE = 'application/json; charset=utf-8';

/** Writes a handler's answer. */
export function writeResponse(
  response: ServerResponse,
  answer: ApiResponse,
  headers: Record<string, string>,
): void {
  let body: Buffer = Buffer.alloc(0);
  const all: Record<string, string> = { ...headers, ...answer.headers };
  if (answer.json !== undefined) {
    body = Buffer.from(JSON.stringify(answer.json));
    all['content-type'] = JSON_TYPE;
  } else if (answer.body) {
    body = answer.body;
    all['content-type'] = answer.contentType ?? 'application/octet-stream';
  }
  all['content-length'] = String(body.length);
  response.writeHead(answer.status, all);
  response.end(body);
}

/** Writes an error in its shape: JSON, gateway HTML, plain text or an empty body. */
export function writeError(
  response: ServerResponse,
  error: VismaApiHttpError,
  headers: Record<string, string>,
): void {
  const all: Record<string, string> = { ...headers, ...error.headers };
  let body: Buffer = Buffer.alloc(0);
  switch (error.body.kind) {
    case 'json':
      body = Buffer.from(JSON.stringify(error.body.value));
      all['content-type'] = JSON_TYPE;
      break;
    case 'html':
      body = Buffer.from(error.body.text);
      all['content-type'] = 'text/html';
      break;
    case 'text':
      body = Buffer.from(error.body.text);
      all['content-type'] = 'text/plain; charset=utf-8';
      break;
    case 'empty':
      break;
  }
  all['content-length'] = String(body.length);
  response.writeHead(error.status, all);
  response.end(body);
}
