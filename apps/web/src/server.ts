import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pkg from '../package.json' with { type: 'json' };
import { escapeHtml, renderPage } from './html.js';

/** Options for {@link startWebServer}. */
export interface WebServerOptions {
  /** Address to bind (default `127.0.0.1`). */
  host?: string;
  /** Port to bind (default 0: any free port). */
  port?: number;
}

/** A running web app. */
export interface WebServer {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** Stops the server and ends open connections. */
  close(): Promise<void>;
}

/**
 * Starts the DataBridge web app. Today it serves its start page and `GET /api/health`; the connection, profile and
 * run screens arrive with the web app's own issue.
 */
export async function startWebServer({
  host = '127.0.0.1',
  port = 0,
}: WebServerOptions = {}): Promise<WebServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://web').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(
        response,
        405,
        'application/json',
        JSON.stringify({ message: `${request.method} is not allowed here` }),
      );
    } else if (path === '/api/health') {
      send(response, 200, 'application/json', JSON.stringify({ status: 'ok', version: pkg.version }));
    } else if (path === '/') {
      const body = `<main><h1>DataBridge</h1><p>Version ${escapeHtml(pkg.version)}. Keep SuperOffice and Visma.net in sync.</p></main>`;
      send(response, 200, 'text/html', renderPage('DataBridge', body));
    } else {
      send(
        response,
        404,
        'text/html',
        renderPage('Not found', `<main><h1>Not found</h1><p>${escapeHtml(path)}</p></main>`),
      );
    }
  });
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) =>
          error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING'
            ? reject(error)
            : resolve(),
        );
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
