import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../cli-error.js';

/** The path the loopback listener answers on; the redirect URI is `http://127.0.0.1:<port>/callback`. */
export const CALLBACK_PATH = '/callback';

/** A loopback redirect listener (RFC 8252 §7.3) waiting for one sign-in callback. */
export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`, to put in the authorization request. */
  readonly redirectUri: string;
  /**
   * Resolves with the full callback URL (query included) of the first request on {@link CALLBACK_PATH} whose `state`
   * is `expectedState` (or that carries an `error`); requests with another state get a 400 page and are ignored.
   *
   * @throws CliError when nothing arrives within the timeout.
   */
  waitForCallback(expectedState: string): Promise<URL>;
  /** Stops listening (idempotent). */
  close(): Promise<void>;
}

/** Options of {@link startLoopbackListener}. */
export interface LoopbackListenerOptions {
  /** How long {@link LoopbackListener.waitForCallback} waits, in milliseconds. */
  readonly timeoutMs: number;
}

function page(title: string, text: string): string {
  const html = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head>` +
    `<body style="font-family: system-ui, sans-serif; margin: 3em"><h1>${html(title)}</h1>` +
    `<p>${html(text)}</p></body></html>`
  );
}

function answer(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  response.end(page(title, text));
}

/**
 * Listens on 127.0.0.1 on a free port for the browser's redirect back from the sign-in page, answers it with a
 * short "you can close this window" page, and hands the callback URL to the caller.
 */
export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  let deliver: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      answer(response, 404, 'Not found', 'This address only receives the DataBridge sign-in callback.');
      return;
    }
    if (!deliver) {
      answer(response, 409, 'Not waiting', 'DataBridge is not waiting for a sign-in right now.');
      return;
    }
    deliver(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    redirectUri,
    close,
    waitForCallback(expectedState) {
      return new Promise<URL>((resolve, reject) => {
        const timer = setTimeout(() => {
          deliver = undefined;
          reject(
            new CliError(
              `No sign-in arrived within ${Math.round(options.timeoutMs / 1000)} s; run the command again ` +
                '(or give --timeout <seconds> for more time)',
            ),
          );
        }, options.timeoutMs);
        deliver = (request, response) => {
          const callback = new URL(request.url ?? CALLBACK_PATH, redirectUri);
          const error = callback.searchParams.get('error');
          if (error === null && callback.searchParams.get('state') !== expectedState) {
            answer(
              response,
              400,
              'Unknown sign-in',
              'This callback does not belong to the sign-in DataBridge started.',
            );
            return;
          }
          clearTimeout(timer);
          deliver = undefined;
          if (error === null) {
            answer(
              response,
              200,
              'Signed in',
              'DataBridge received the sign-in. You can close this window and return to the terminal.',
            );
          } else {
            const description = callback.searchParams.get('error_description');
            answer(
              response,
              200,
              'Sign-in not completed',
              `The sign-in ended with "${error}"${description ? `: ${description}` : ''}. ` +
                'You can close this window; the terminal says what to do next.',
            );
          }
          resolve(callback);
        };
      });
    },
  };
}
