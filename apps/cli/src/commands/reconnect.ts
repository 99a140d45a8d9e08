import { type Connection, isErrorKind, type Workspace } from '@databridge/core';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { type CommandContext, globalOptions } from '../command-context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { describeError, exitCodeFor } from '../exit-for-error.js';
import type { CliIo } from '../io.js';
import { colors, printJson } from '../render.js';
import { progress } from '../sign-in/browser-sign-in.js';
import { DEFAULT_SIGN_IN_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../sign-in/options.js';
import { type SignInSystem, signIn, systemLabel } from '../sign-in/sign-in.js';
import {
  findConnection,
  isServiceConnection,
  type StoredSignIn,
  storeSignIn,
} from '../sign-in/store-sign-in.js';
import { withWorkspace } from '../workspace.js';
import { needsActionAfterSignIn, printStoredSignIn, storedSignInJson } from './connect.js';
import { checkEveryConnection, unknownConnection } from './connections.js';

interface ReconnectOptions {
  readonly allBroken?: boolean;
  readonly browser: boolean;
  readonly timeout: number;
  readonly json?: boolean;
}

/** Whether `text` looks like an e-mail address (to pre-fill the sign-in form with it). */
function emailOf(user: string | undefined): string | undefined {
  return user && /^[^\s@]+@[^\s@]+$/.test(user) ? user : undefined;
}

/** Signs in again to one connection (same system and tenant, forced fresh login) and stores the new tokens. */
async function reconnectOne(
  workspace: Workspace,
  io: CliIo,
  connection: Connection,
  options: ReconnectOptions,
): Promise<StoredSignIn> {
  const service = await isServiceConnection(workspace, connection);
  const c = colors(io);
  progress(
    io,
    options.json,
    `Reconnecting ${c.bold(connection.name)} (${systemLabel(connection.system)} ${connection.tenantId}` +
      `${connection.accountUser ? `, was ${connection.accountUser}` : ''}) ...`,
  );
  const signedIn = await signIn(workspace, io, connection.system as SignInSystem, {
    company: connection.tenantId,
    service,
    loginHint: emailOf(connection.accountUser),
    noBrowser: !options.browser,
    timeoutMs: options.timeout * 1000,
    json: options.json,
  });
  return storeSignIn(workspace, signedIn, { connectionId: connection.id });
}

/** Adds `databridge reconnect <connection> | --all-broken`. */
export function registerReconnect(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('reconnect')
    .description('sign in again to a connection (or every broken one) and repair the profiles using it')
    .argument('[connection]', 'name or id of the connection')
    .option('--all-broken', 'check every connection live, then sign in again to each that needs it')
    .option('--no-browser', 'do not open a browser; only print the URL to open')
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait for each sign-in')
        .argParser(parseTimeoutSeconds)
        .default(DEFAULT_SIGN_IN_TIMEOUT_SECONDS),
    )
    .option('--json', 'print what was reconnected as JSON (progress goes to stderr)')
    .addHelpText(
      'after',
      `
A fresh login is always asked for, for the same company or tenant as before. Every profile using the connection
works again afterwards and resumes from its checkpoint.

Examples:
  $ databridge reconnect visma-6c1d8d0a
  $ databridge reconnect --all-broken
  $ databridge reconnect superoffice-Cust12345 --no-browser --timeout 600`,
    )
    .action(async (name: string | undefined, options: ReconnectOptions, command: Command) => {
      if (name && options.allBroken) throw new CliError('Give a connection or --all-broken, not both');
      if (!name && !options.allBroken)
        throw new CliError('Say which connection to reconnect (its name or id), or give --all-broken');
      await withWorkspace(io, globalOptions(command), async (workspace) => {
        let targets: Connection[];
        if (name) {
          const connection = await findConnection(workspace, name);
          if (!connection) throw unknownConnection(name);
          targets = [connection];
        } else {
          progress(io, options.json, 'Checking every connection ...');
          targets = (await checkEveryConnection(workspace)).filter((c) => c.health === 'needs_reauth');
          if (targets.length === 0) {
            if (options.json) printJson(io, []);
            else io.log('No connection needs signing in again.');
            return;
          }
          progress(
            io,
            options.json,
            `${targets.length} connection(s) need signing in again: ${targets.map((t) => t.name).join(', ')}`,
          );
        }
        const c = colors(io);
        const results: Record<string, unknown>[] = [];
        for (const connection of targets) {
          try {
            const stored = await reconnectOne(workspace, io, connection, options);
            results.push(storedSignInJson(stored));
            if (needsActionAfterSignIn(stored.connection.health)) context.exitCode = EXIT_CODES.needsAction;
            if (options.json) continue;
            printStoredSignIn(io, stored);
            const names = stored.profiles.map((p) => p.name);
            io.log(
              names.length === 0
                ? '  No profile uses this connection.'
                : `  Repaired profiles: ${names.join(', ')}`,
            );
          } catch (error) {
            // With one connection the error ends the command as usual; with several, say it and go on.
            if (targets.length === 1) throw error;
            context.exitCode = Math.max(context.exitCode, exitCodeFor(error));
            const kind = (error as { kind?: unknown }).kind;
            results.push({
              id: connection.id,
              name: connection.name,
              error: describeError(error),
              ...(typeof kind === 'string' && isErrorKind(kind) ? { kind } : {}),
            });
            if (!options.json) io.log(`${c.bad('failed')} ${connection.name}: ${describeError(error)}`);
          }
        }
        if (options.json) printJson(io, results);
      });
    });
}
