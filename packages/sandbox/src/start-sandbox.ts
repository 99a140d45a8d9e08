import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, listenOnLoopback } from './server/loopback.js';

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Loopback host to bind (default `127.0.0.1`). */
  host?: string;
  /** Port to bind (default 0: any free port). */
  port?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Base URL of the sandbox control API. */
  readonly url: string;
  /** Stops every stand-in the sandbox started. */
  close(): Promise<void>;
}

/** The body of `GET /_sandbox/health`. */
export interface SandboxHealth {
  readonly status: 'ok';
  /** Seconds since the sandbox started. */
  readonly uptimeSeconds: number;
}

/**
 * Starts the sandbox on loopback. Tests call this; people run `databridge sandbox`.
 *
 * The control API lives under `/_sandbox/`; `GET /_sandbox/health` answers with {@link SandboxHealth}.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const startedAt = Date.now();
  const server: LoopbackServer = await listenOnLoopback(
    (request: IncomingMessage, response: ServerResponse) => {
      const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
      if (request.method === 'GET' && path === '/_sandbox/health') {
        const body: SandboxHealth = {
          status: 'ok',
          uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
        };
        sendJson(response, 200, body);
        return;
      }
      sendJson(response, 404, { message: `No sandbox route for ${request.method} ${path}` });
    },
    options,
  );
  return { url: server.url, close: () => server.close() };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
