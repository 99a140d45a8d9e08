import { type Command, Option } from 'commander';
import { type CommandContext, globalOptions } from '../command-context.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { colors, healthLabel, printJson } from '../render.js';
import { progress } from '../sign-in/browser-sign-in.js';
import { DEFAULT_SIGN_IN_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../sign-in/options.js';
import { SIGN_IN_SYSTEMS, type SignInSystem, signIn, systemLabel } from '../sign-in/sign-in.js';
import { type StoredSignIn, storeSignIn } from '../sign-in/store-sign-in.js';
import { withWorkspace } from '../workspace.js';

interface ConnectOptions {
  readonly name?: string;
  readonly company?: string;
  readonly service?: boolean;
  readonly browser: boolean;
  readonly timeout: number;
  readonly json?: boolean;
}

/** The JSON form of a stored sign-in, as `connect` and `reconnect` print it (never any token). */
export function storedSignInJson(stored: StoredSignIn): Record<string, unknown> {
  const { connection } = stored;
  return {
    id: connection.id,
    name: connection.name,
    system: connection.system,
    tenantId: connection.tenantId,
    tenantName: connection.tenantName ?? null,
    accountUser: connection.accountUser ?? null,
    health: connection.health,
    remedy: connection.lastError?.remedy ?? null,
    created: stored.created,
    profiles: stored.profiles.map((profile) => ({ id: profile.id, name: profile.name })),
  };
}

/** Prints what a sign-in stored: name, system, company/tenant, user, health (and the remedy when not healthy). */
export function printStoredSignIn(io: CliIo, stored: StoredSignIn): void {
  const { connection } = stored;
  const c = colors(io);
  const tenant = connection.tenantName
    ? `${connection.tenantName} (${connection.tenantId})`
    : connection.tenantId;
  io.log(
    `${stored.created ? 'Stored new connection' : 'Reconnected'} ${c.bold(connection.name)}: ` +
      `${systemLabel(connection.system)} ${connection.system === 'visma' ? 'company' : 'tenant'} ${tenant}, ` +
      `user ${connection.accountUser ?? 'unknown'}, health ${healthLabel(io, connection.health)}`,
  );
  if (connection.lastError?.remedy && connection.health !== 'ok')
    io.log(`  ${c.warn('remedy:')} ${connection.lastError.remedy}`);
}

/** Whether a connection's health after sign-in means the user still has something to do. */
export function needsActionAfterSignIn(health: string): boolean {
  return health === 'needs_reauth' || health === 'needs_permission';
}

/** Adds `databridge connect visma|superoffice`. */
export function registerConnect(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('connect')
    .description('sign in to a Visma.net company or a SuperOffice tenant and store the connection')
    .addArgument(program.createArgument('<system>', 'the system to sign in to').choices([...SIGN_IN_SYSTEMS]))
    .option('--name <name>', 'name of the connection (default: visma-<company> / superoffice-<tenant>)')
    .option('--company <id>', 'the Visma company id or SuperOffice tenant (Cust…) that must be picked')
    .option('--service', 'Visma only: client credentials with the configured service app (needs --company)')
    .option('--no-browser', 'do not open a browser; only print the URL to open')
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait for the sign-in')
        .argParser(parseTimeoutSeconds)
        .default(DEFAULT_SIGN_IN_TIMEOUT_SECONDS),
    )
    .option('--json', 'print the stored connection as JSON (progress goes to stderr)')
    .addHelpText(
      'after',
      `
The browser comes back to a listener on http://127.0.0.1:<free port>/callback. A fresh login is always asked for,
so the right account is connected. Connecting again to the same company or tenant reconnects that connection.

Examples:
  $ databridge connect visma
  $ databridge connect visma --company 6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01 --name nordlys-erp
  $ databridge connect visma --service --company 6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01
  $ databridge connect superoffice --company Cust12345 --no-browser`,
    )
    .action(async (system: SignInSystem, options: ConnectOptions, command: Command) => {
      await withWorkspace(
        io,
        globalOptions(command),
        async (workspace) => {
          if (!options.service)
            progress(
              io,
              options.json,
              `Signing in to ${systemLabel(system)} (a fresh login is required) ...`,
            );
          const signedIn = await signIn(workspace, io, system, {
            company: options.company,
            service: options.service,
            noBrowser: !options.browser,
            timeoutMs: options.timeout * 1000,
            json: options.json,
          });
          const stored = await storeSignIn(workspace, signedIn, { name: options.name });
          if (options.json) printJson(io, storedSignInJson(stored));
          else printStoredSignIn(io, stored);
          if (needsActionAfterSignIn(stored.connection.health)) context.exitCode = EXIT_CODES.needsAction;
        },
        { create: true },
      );
    });
}
