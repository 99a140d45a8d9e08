import { type CliIo, printError } from '../io.js';
import { startLoopbackListener } from './loopback.js';
import { openBrowser } from './open-browser.js';

/** How a browser sign-in is run. */
export interface BrowserSignInOptions {
  /** Never start a browser; only print the URL (`--no-browser`). A browser is also not started without a TTY. */
  readonly noBrowser?: boolean | undefined;
  /** How long to wait for the redirect back, in milliseconds. */
  readonly timeoutMs: number;
  /** Write progress to stderr, keeping stdout for the JSON result (`--json`). */
  readonly json?: boolean | undefined;
}

/** A started authorization request as far as the loopback flow needs it. */
export interface StartedRequest {
  /** Where to send the browser. */
  readonly url: string;
  /** The one-time state the callback must echo. */
  readonly state: string;
}

/** Prints a progress line: to stdout normally, to stderr under `--json` so stdout stays machine-readable. */
export function progress(io: CliIo, json: boolean | undefined, line: string): void {
  if (json) printError(io, line);
  else io.log(line);
}

/**
 * Runs the browser part of an authorization-code sign-in (RFC 8252): starts a loopback listener on a free port,
 * lets `start` build the request with its redirect URI, prints the URL (always) and opens the browser (on a TTY,
 * unless told not to), then waits for the callback.
 *
 * @returns the request `start` made and the callback URL the browser was sent to.
 */
export async function browserSignIn<R extends StartedRequest>(
  io: CliIo,
  options: BrowserSignInOptions,
  start: (redirectUri: string) => Promise<R>,
): Promise<{ request: R; callback: URL }> {
  const listener = await startLoopbackListener({ timeoutMs: options.timeoutMs });
  try {
    const request = await start(listener.redirectUri);
    const waiting = listener.waitForCallback(request.state);
    progress(io, options.json, `Open this URL to sign in: ${request.url}`);
    if (!options.noBrowser && io.isTTY === true) {
      const opened = await openBrowser(request.url);
      progress(
        io,
        options.json,
        opened
          ? 'Opened your browser; finish signing in there.'
          : 'Could not open a browser; open the URL above.',
      );
    }
    progress(
      io,
      options.json,
      `Waiting for the sign-in (up to ${Math.round(options.timeoutMs / 1000)} s) on ${listener.redirectUri} ...`,
    );
    const callback = await waiting;
    return { request, callback };
  } finally {
    await listener.close();
  }
}
