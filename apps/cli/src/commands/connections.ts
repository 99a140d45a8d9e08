import { type Connection, checkConnection, isUsable, type Workspace } from '@databridge/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { type CommandContext, globalOptions } from '../command-context.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { colors, healthLabel, printJson, printTable } from '../render.js';
import { requireSystemConfig, systemLabel } from '../sign-in/sign-in.js';
import { tokenExpiry } from '../sign-in/store-sign-in.js';
import { withWorkspace } from '../workspace.js';

/** One connection as `databridge connections` shows it. Holds no token. */
export interface ConnectionRow {
  /** Connection id. */
  readonly id: string;
  /** Connection name. */
  readonly name: string;
  /** `visma`, `superoffice` or a custom system. */
  readonly system: string;
  /** Company id / tenant context identifier. */
  readonly tenantId: string;
  /** Display name of the company or tenant, when known. */
  readonly tenantName: string | null;
  /** Who signed in. */
  readonly accountUser: string | null;
  /** Health as stored (after the live check with `--check`). */
  readonly health: string;
  /** What to do about the last problem, when the connection is not healthy. */
  readonly remedy: string | null;
  /** When the current access token expires, ISO 8601 (`null` when unknown or unreadable). */
  readonly tokenExpiresAt: string | null;
  /** When the health was last checked, ISO 8601. */
  readonly lastCheckedAt: string | null;
  /** Profiles using the connection. */
  readonly profiles: readonly { readonly id: string; readonly name: string }[];
}

/** Builds the row of a connection: token expiry from its sealed tokens, and the profiles using it. */
export async function connectionRow(workspace: Workspace, connection: Connection): Promise<ConnectionRow> {
  let expiry: Date | undefined;
  try {
    expiry = await tokenExpiry(workspace, connection);
  } catch {
    expiry = undefined; // unreadable tokens show as unknown here; `databridge doctor` names the problem
  }
  const profiles = await workspace.store.listProfiles({ connectionId: connection.id });
  return {
    id: connection.id,
    name: connection.name,
    system: connection.system,
    tenantId: connection.tenantId,
    tenantName: connection.tenantName ?? null,
    accountUser: connection.accountUser ?? null,
    health: connection.health,
    remedy: connection.health === 'ok' ? null : (connection.lastError?.remedy ?? null),
    tokenExpiresAt: expiry?.toISOString() ?? null,
    lastCheckedAt: connection.lastCheckedAt ?? null,
    profiles: profiles.map((profile) => ({ id: profile.id, name: profile.name })),
  };
}

function formatExpiry(iso: string | null): string {
  if (!iso) return '-';
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  const when = iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ');
  if (minutes < 0) return `${when} (expired, renewed on use)`;
  return minutes < 120 ? `${when} (in ${minutes} min)` : when;
}

/** Prints the connections table. */
export function printConnectionsTable(io: CliIo, rows: readonly ConnectionRow[]): void {
  printTable(
    io,
    ['Name', 'System', 'Company / tenant', 'User', 'Health', 'Token expires', 'Profiles'],
    rows.map((row) => [
      row.name,
      systemLabel(row.system),
      row.tenantName ? `${row.tenantName} (${row.tenantId})` : row.tenantId,
      row.accountUser ?? '-',
      healthLabel(io, row.health),
      formatExpiry(row.tokenExpiresAt),
      row.profiles.length === 0 ? '-' : row.profiles.map((p) => p.name).join(', '),
    ]),
  );
}

/**
 * Runs `checkConnection` on every connection (live), after making sure each system they use is configured.
 *
 * @returns the connections as stored after their checks.
 */
export async function checkEveryConnection(workspace: Workspace): Promise<Connection[]> {
  const connections = await workspace.store.listConnections();
  for (const system of new Set(connections.map((c) => c.system))) requireSystemConfig(workspace, system);
  if (connections.length === 0) return [];
  const deps = await workspace.health();
  const checked: Connection[] = [];
  for (const connection of connections) checked.push(await checkConnection(deps, connection.id));
  return checked;
}

/** Adds `databridge connections`. */
export function registerConnections(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('connections')
    .description('list the connections with their health, token expiry and the profiles using them')
    .option('--check', 'test each connection live first and show what to fix (exit 2 when any needs action)')
    .option('--json', 'print the connections as JSON')
    .addHelpText(
      'after',
      `
Tokens are never printed. Health: ok, expiring, unreachable (the service could not be reached), needs_reauth
(run \`databridge reconnect <name>\`), needs_permission (the remedy says which role or approval is missing).

Examples:
  $ databridge connections
  $ databridge connections --check
  $ databridge connections --json`,
    )
    .action(async (options: { check?: boolean; json?: boolean }, command: Command) => {
      await withWorkspace(io, globalOptions(command), async (workspace) => {
        const connections = options.check
          ? await checkEveryConnection(workspace)
          : await workspace.store.listConnections();
        const rows: ConnectionRow[] = [];
        for (const connection of connections) rows.push(await connectionRow(workspace, connection));
        const broken = connections.filter((c) => !isUsable(c.health));
        if (options.check && broken.length > 0) context.exitCode = EXIT_CODES.needsAction;
        if (options.json) {
          printJson(io, rows);
          return;
        }
        if (rows.length === 0) {
          io.log(
            'No connections yet. Sign in with `databridge connect visma` or `databridge connect superoffice`.',
          );
          return;
        }
        printConnectionsTable(io, rows);
        if (!options.check) return;
        const c = colors(io);
        const problems = rows.filter((row) => row.health !== 'ok');
        if (problems.length === 0) {
          io.log(c.ok(`All ${rows.length} connection(s) work.`));
          return;
        }
        for (const row of problems) {
          const word = isUsable(row.health as Connection['health'])
            ? c.warn('warning')
            : c.bad('needs action');
          io.log(`${word} ${row.name} (${row.health}): ${row.remedy ?? 'check it again later'}`);
        }
        if (broken.length > 0) {
          const reauth = broken.filter((b) => b.health === 'needs_reauth');
          if (reauth.length > 0)
            io.log(`Run \`databridge reconnect --all-broken\` to sign in again where needed.`);
        }
      });
    });
}

/** The error for an unknown connection name or id. */
export function unknownConnection(nameOrId: string): CliError {
  return new CliError(
    `No connection named ${JSON.stringify(nameOrId)} (nor with that id); \`databridge connections\` lists them`,
  );
}
