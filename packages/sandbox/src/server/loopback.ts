import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Hosts the sandbox may bind to. It never listens on a routable address: it holds fake credentials and data. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/** A server bound to a loopback address, with its base URL and an idempotent `close`. */
export interface LoopbackServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:49152`. */
  readonly url: string;
  /** The bound port (useful when 0 was asked for). */
  readonly port: number;
  /** Stops accepting connections, ends open ones and resolves when the port is free. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on a loopback address.
 *
 * @param port - 0 (the default) picks a free port.
 * @throws Error when `host` is not a loopback address, or the port is taken.
 */
export async function listenOnLoopback(
  handler: RequestListener,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<LoopbackServer> {
  if (!LOOPBACK_HOSTS.includes(host)) {
    throw new Error(`The sandbox only listens on loopback (${LOOPBACK_HOSTS.join(', ')}), not on "${host}"`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid sandbox port ${port}: use 0 for any free port, or 1-65535`);
  }
  const server: Server = createServer(handler);
  server.listen(port, host);
  try {
    // events.once rejects with the server's 'error' event, e.g. EADDRINUSE.
    await once(server, 'listening');
  } catch (error) {
    throw new Error(`Could not listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
