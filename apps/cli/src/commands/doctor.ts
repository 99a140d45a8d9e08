import { statSync } from 'node:fs';
import {
  type Connection,
  checkConnection,
  DATABASE_FILE,
  loadMasterKey,
  MASTER_KEY_ENV,
  MIGRATIONS,
  openWorkspace,
  profileHealth,
  resolveDatabridgeHome,
  resolveProfileSettings,
  SqliteStore,
  TOKENS_PURPOSE,
  type Workspace,
} from '@databridge/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { type CommandContext, globalOptions } from '../command-context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { describeError } from '../exit-for-error.js';
import type { CliIo } from '../io.js';
import { colors, printJson } from '../render.js';
import { requireSystemConfig, systemLabel } from '../sign-in/sign-in.js';
import type { GlobalOptions } from '../workspace.js';

/** How bad a finding is: only `problem` makes `doctor` exit 2. */
export type FindingStatus = 'ok' | 'warning' | 'problem';

/** One thing `databridge doctor` checked. Never holds a secret. */
export interface Finding {
  /** What was checked: `store`, `master key`, `config`, `clock`, `connection` or `profile`. */
  readonly area: string;
  /** Which one (a file, a system, a connection or profile name). */
  readonly subject: string;
  /** The outcome. */
  readonly status: FindingStatus;
  /** What was found. */
  readonly detail: string;
  /** What to do about it, for warnings and problems. */
  readonly remedy?: string | undefined;
}

/** Clock skew above this is reported (tokens are checked against `iat`/`exp`, and forced logins against `auth_time`). */
export const MAX_CLOCK_SKEW_MS = 60_000;

/**
 * Compares the local clock with the `Date` header of `url`'s response, correcting for the round trip.
 *
 * @returns the skew in milliseconds (positive: the local clock is ahead), or `undefined` when there is no header.
 */
export async function measureClockSkew(
  url: string,
  now: () => number = Date.now,
): Promise<number | undefined> {
  const sent = now();
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const received = now();
  await response.body?.cancel();
  const header = response.headers.get('date');
  const server = header ? Date.parse(header) : Number.NaN;
  if (!Number.isFinite(server)) return undefined;
  // The header has whole seconds: compare with the middle of the round trip, allowing for the truncation.
  return (sent + received) / 2 - (server + 500);
}

async function checkStoreAndKey(
  home: string,
  env: CliIo['env'],
  findings: Finding[],
): Promise<Workspace | undefined> {
  let workspace: Workspace;
  try {
    workspace = await openWorkspace({ env: env ?? process.env, home });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'MasterKeyError') {
      findings.push({
        area: 'store',
        subject: `${home}/${DATABASE_FILE}`,
        status: 'problem',
        detail: describeError(error),
        remedy: 'Fix or restore the store file (or point DATABRIDGE_HOME / --home at the right folder).',
      });
      return undefined;
    }
    const store = await SqliteStore.open({ home });
    findings.push({
      area: 'store',
      subject: store.file,
      status: 'ok',
      detail: `opens, schema version ${store.schemaVersion} of ${MIGRATIONS.length}`,
    });
    await store.close();
    findings.push({
      area: 'master key',
      subject: MASTER_KEY_ENV,
      status: 'problem',
      detail: error.message,
      remedy: `Set ${MASTER_KEY_ENV} to the key the tokens were sealed with, or restore the key file.`,
    });
    return undefined;
  }
  const { store } = workspace;
  findings.push({
    area: 'store',
    subject: store.file,
    status: store.schemaVersion === MIGRATIONS.length ? 'ok' : 'problem',
    detail: `opens, schema version ${store.schemaVersion} of ${MIGRATIONS.length}`,
  });
  const key = loadMasterKey({ home, ...(env ? { env } : {}) });
  if (key.source === 'env') {
    findings.push({
      area: 'master key',
      subject: MASTER_KEY_ENV,
      status: 'ok',
      detail: `from ${MASTER_KEY_ENV}`,
    });
  } else {
    const mode = statSync(key.file ?? '').mode & 0o777;
    findings.push({
      area: 'master key',
      subject: key.file ?? '',
      status: 'ok',
      detail: `from the key file, mode ${mode.toString(8).padStart(4, '0')}${key.source === 'created' ? ' (created now)' : ''}`,
    });
  }
  // The key must open every sealed token; a different key (e.g. a changed DATABRIDGE_MASTER_KEY) cannot.
  for (const connection of await store.listConnections()) {
    if (!connection.tokens) continue;
    try {
      workspace.vault.open(connection.id, TOKENS_PURPOSE, connection.tokens);
    } catch {
      findings.push({
        area: 'master key',
        subject: connection.name,
        status: 'problem',
        detail: `the master key cannot open the tokens of connection ${connection.name}`,
        remedy:
          `Use the master key the tokens were sealed with (${MASTER_KEY_ENV} or the key file), ` +
          `or run \`databridge reconnect ${connection.name}\`.`,
      });
    }
  }
  return workspace;
}

async function checkConfigAndClock(workspace: Workspace, findings: Finding[]): Promise<boolean> {
  let config: ReturnType<Workspace['config']>;
  try {
    config = workspace.config();
  } catch (error) {
    findings.push({
      area: 'config',
      subject: 'app registrations',
      status: 'problem',
      detail: describeError(error),
      remedy:
        'Fix the setting named above (`databridge sandbox` prints working values for the local sandbox).',
    });
    return false;
  }
  if (!config.visma && !config.superoffice) {
    findings.push({
      area: 'config',
      subject: 'app registrations',
      status: 'warning',
      detail: 'no Visma or SuperOffice app is configured',
      remedy:
        'Set DATABRIDGE_VISMA_CLIENT_ID/SECRET and/or DATABRIDGE_SUPEROFFICE_CLIENT_ID/SECRET/ENVIRONMENT, or write config.json.',
    });
    return true;
  }
  let systems: Awaited<ReturnType<Workspace['systems']>>;
  try {
    systems = await workspace.systems();
  } catch (error) {
    findings.push({
      area: 'config',
      subject: 'discovery',
      status: 'problem',
      detail: `sign-in discovery failed: ${describeError(error)}`,
      remedy: 'Check the issuer / environment settings and the network connection.',
    });
    return false;
  }
  const issuers: { system: string; url: string; discovery: string }[] = [];
  if (config.visma) {
    findings.push({
      area: 'config',
      subject: 'visma',
      status: 'ok',
      detail: `app ${config.visma.clientId} at ${config.visma.issuer}${config.visma.service ? `, service app ${config.visma.service.clientId}` : ''}`,
    });
    issuers.push({
      system: 'visma',
      url: config.visma.issuer,
      discovery: `${config.visma.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    });
  }
  const so = systems.superoffice?.auth;
  if (config.superoffice && so) {
    findings.push({
      area: 'config',
      subject: 'superoffice',
      status: 'ok',
      detail: `app ${config.superoffice.clientId} at ${so.issuer}`,
    });
    issuers.push({
      system: 'superoffice',
      url: so.issuer,
      discovery: `${so.issuer}/login/.well-known/openid-configuration`,
    });
  }
  for (const issuer of issuers) {
    try {
      const skew = await measureClockSkew(issuer.discovery);
      if (skew === undefined) {
        findings.push({
          area: 'clock',
          subject: issuer.url,
          status: 'warning',
          detail: 'the issuer sent no Date header; the clock could not be compared',
        });
        continue;
      }
      const seconds = Math.round(skew / 1000);
      const off = Math.abs(skew) > MAX_CLOCK_SKEW_MS;
      findings.push({
        area: 'clock',
        subject: issuer.url,
        status: off ? 'warning' : 'ok',
        detail: `local clock is ${Math.abs(seconds)} s ${seconds >= 0 ? 'ahead of' : 'behind'} ${systemLabel(issuer.system)}`,
        ...(off
          ? {
              remedy:
                'Synchronise the system clock (NTP); sign-ins and token checks fail with a skewed clock.',
            }
          : {}),
      });
    } catch (error) {
      findings.push({
        area: 'clock',
        subject: issuer.url,
        status: 'warning',
        detail: `could not compare clocks: ${describeError(error)}`,
      });
    }
  }
  return true;
}

function connectionFinding(connection: Connection): Finding {
  const subject = `${connection.name} (${systemLabel(connection.system)} ${connection.tenantId})`;
  if (connection.health === 'ok') return { area: 'connection', subject, status: 'ok', detail: 'works' };
  const status: FindingStatus =
    connection.health === 'expiring' || connection.health === 'unreachable' ? 'warning' : 'problem';
  return {
    area: 'connection',
    subject,
    status,
    detail: `${connection.health}${connection.lastError ? `: ${connection.lastError.message}` : ''}`,
    remedy:
      connection.lastError?.remedy ??
      (connection.health === 'needs_reauth' ? `Run \`databridge reconnect ${connection.name}\`.` : undefined),
  };
}

async function checkConnectionsAndProfiles(
  workspace: Workspace,
  configOk: boolean,
  findings: Finding[],
): Promise<void> {
  const { store } = workspace;
  const connections = await store.listConnections();
  for (const connection of connections) {
    if (!configOk) break;
    try {
      requireSystemConfig(workspace, connection.system);
      const checked = await checkConnection(await workspace.health(), connection.id);
      findings.push(connectionFinding(checked));
    } catch (error) {
      findings.push({
        area: 'connection',
        subject: connection.name,
        status: 'problem',
        detail: describeError(error),
      });
    }
  }
  for (const profile of await store.listProfiles()) {
    try {
      resolveProfileSettings(profile);
    } catch (error) {
      findings.push({
        area: 'profile',
        subject: profile.name,
        status: 'problem',
        detail: describeError(error),
        remedy: 'Fix the settings named above in the profile.',
      });
      continue;
    }
    const health = await profileHealth(store, profile);
    findings.push(
      health.health === 'ok'
        ? { area: 'profile', subject: profile.name, status: 'ok', detail: 'valid, both connections work' }
        : {
            area: 'profile',
            subject: profile.name,
            status: health.health === 'expiring' || health.health === 'unreachable' ? 'warning' : 'problem',
            detail: `valid, but connection ${health.connection?.name ?? '?'} is ${health.health}`,
            remedy: health.remedy,
          },
    );
  }
}

/** Runs every check of `databridge doctor` on a DataBridge home and returns what it found. */
export async function runDoctor(
  io: CliIo,
  options: GlobalOptions,
): Promise<{ home: string; findings: Finding[] }> {
  const env = io.env ?? process.env;
  let home: string;
  try {
    home = options.home ?? resolveDatabridgeHome({ env });
  } catch (error) {
    throw new CliError(describeError(error));
  }
  const findings: Finding[] = [];
  const workspace = await checkStoreAndKey(home, env, findings);
  if (!workspace) return { home, findings };
  try {
    const configOk = await checkConfigAndClock(workspace, findings);
    await checkConnectionsAndProfiles(workspace, configOk, findings);
  } finally {
    await workspace.close();
  }
  return { home, findings };
}

function printFindings(io: CliIo, home: string, findings: readonly Finding[]): void {
  const c = colors(io);
  const label = { ok: c.ok('ok     '), warning: c.warn('warning'), problem: c.bad('problem') };
  io.log(`DataBridge home: ${home}`);
  for (const finding of findings) {
    const [first, ...rest] = finding.detail.split('\n');
    io.log(`${label[finding.status]}  ${finding.area}: ${finding.subject}: ${first}`);
    for (const line of rest) io.log(`           ${line}`);
    if (finding.remedy && finding.status !== 'ok') io.log(`           ${c.dim('fix:')} ${finding.remedy}`);
  }
  const problems = findings.filter((f) => f.status === 'problem').length;
  const warnings = findings.filter((f) => f.status === 'warning').length;
  io.log(
    problems === 0 && warnings === 0
      ? c.ok('No problems found.')
      : `${problems === 0 ? c.ok('0 problems') : c.bad(`${problems} problem(s)`)}, ${warnings} warning(s).`,
  );
}

/** Adds `databridge doctor`. */
export function registerDoctor(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('doctor')
    .description('check the store, master key, configuration, clock, connections and profiles')
    .option('--json', 'print the findings as JSON')
    .addHelpText(
      'after',
      `
Checks: the store opens and its schema version; where the master key comes from (and the key file's mode) and
that it opens every sealed token; the app configuration and sign-in discovery; the clock against each issuer's
Date header (warns above 60 s); each connection live; each profile's settings. Every problem comes with a fix.
Exit code 2 when any problem is found (warnings alone exit 0).

Examples:
  $ databridge doctor
  $ databridge doctor --json`,
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const { home, findings } = await runDoctor(io, globalOptions(command));
      const problems = findings.filter((f) => f.status === 'problem').length;
      if (problems > 0) context.exitCode = EXIT_CODES.needsAction;
      if (options.json) {
        printJson(io, {
          home,
          problems,
          warnings: findings.filter((f) => f.status === 'warning').length,
          findings,
        });
      } else printFindings(io, home, findings);
    });
}
