import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Sandbox,
  type SuperOfficeSandbox,
  type SuperOfficeSandboxUser,
  startSandbox,
  TENANT_STATES,
  VISMA_SEED,
} from '@databridge/sandbox';
import type { DemoOutput } from './demo.js';

/** What each seeded user reproduces, derived from how many companies they hold 'API User' on. */
function storyOf(apiCompanies: number): string {
  if (apiCompanies === 0) {
    return "no 'API User' role anywhere: can sign in, but no company can be picked (permission error)";
  }
  if (apiCompanies === 1) return "'API User' on one company: it is picked without asking";
  return `'API User' on ${apiCompanies} companies: sign-in shows the company picker`;
}

function companyName(tenantId: string): string {
  return VISMA_SEED.companies.find((company) => company.tenantId === tenantId)?.name ?? 'unknown company';
}

/** The lines `databridge sandbox` prints about the seeded Visma world (all of them sandbox-only fixtures). */
function describeVismaSeed(): string[] {
  const lines = ['Demo logins (sandbox fixtures, they work nowhere else):'];
  for (const user of VISMA_SEED.users) {
    const roles: Record<string, readonly string[]> = user.roles;
    const apiCompanies = Object.entries(roles)
      .filter(([, held]) => held.includes('API User'))
      .map(([tenantId]) => `${companyName(tenantId)} (${tenantId})`);
    lines.push(`  ${user.email}  password ${user.password}  (${user.name})`);
    lines.push(`    API User on: ${apiCompanies.length === 0 ? 'none' : apiCompanies.join(', ')}`);
    lines.push(`    Story: ${storyOf(apiCompanies.length)}`);
  }
  lines.push("Registered apps (sandbox fixtures; each secret is the sandbox's own fixed demo value):");
  for (const app of VISMA_SEED.apps) {
    const refresh =
      app.kind === 'service'
        ? 'client credentials, so no refresh tokens'
        : app.refreshTokenMode === 'one_time'
          ? `refresh tokens one_time (${app.refreshGraceSeconds} s grace)`
          : 'refresh tokens reuse';
    lines.push(`  ${app.clientId}  secret ${app.clientSecret}  ${app.kind} app, ${refresh}`);
    if (app.redirectUris.length > 0) lines.push(`    redirect URIs: ${app.redirectUris.join(', ')}`);
    if (app.approvedTenants.length > 0) {
      lines.push(`    approved for: ${app.approvedTenants.map((id) => companyName(id)).join(', ')}`);
    }
  }
  return lines;
}

/** What each seeded SuperOffice user reproduces, derived from their admin flag and how many tenants they belong to. */
function superOfficeStoryOf(user: SuperOfficeSandboxUser): string {
  const approval = user.isAdministrator
    ? 'administrator: can approve apps (consent page on a tenant that has not approved the app yet)'
    : 'normal user: cannot approve apps, so sign-in to a tenant that has not approved the app ends in access_denied';
  const picking =
    user.tenants.length > 1
      ? `belongs to ${user.tenants.length} tenants: sign-in shows the tenant picker`
      : user.tenants.length === 1
        ? 'one tenant: it is picked without asking'
        : 'no tenant: sign-in ends in access_denied';
  return `${approval}; ${picking}`;
}

/**
 * Writes each SuperOffice app's system-user private key (PEM, generated for this run) to a fresh temp directory,
 * readable by the owner only, since a key is too long to print. The caller removes the directory on stop.
 */
async function writeSystemUserKeys(
  superOffice: SuperOfficeSandbox,
): Promise<{ dir: string; paths: Map<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'databridge-sandbox-'));
  const paths = new Map<string, string>();
  try {
    for (const app of superOffice.world.apps.values()) {
      const path = join(dir, `${app.clientId}-system-user.pem`);
      await writeFile(path, app.systemUserPrivateKeyPem, { mode: 0o600, flag: 'wx' });
      paths.set(app.clientId, path);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, paths };
}

/** The lines `databridge sandbox` prints about the running SuperOffice stand-ins (all of them sandbox-only fixtures). */
function describeSuperOffice(
  superOffice: SuperOfficeSandbox,
  keyPaths: ReadonlyMap<string, string>,
): string[] {
  const { world, api, issuer } = superOffice;
  const tenantName = (ctx: string) => `${world.tenants.get(ctx)?.name ?? 'unknown tenant'} (${ctx})`;
  const hosts = Array.from({ length: world.hostCount }, (_, index) => `host ${index} ${api.hostUrl(index)}`);
  const lines = [
    `SuperOffice SuperID issuer (pass as environment): ${issuer}`,
    `SuperOffice State API:  ${issuer}/api/state/{ctx}`,
    `SuperOffice tenant API hosts: ${hosts.join(', ')}`,
    'SuperOffice tenants (sandbox fixtures):',
  ];
  for (const tenant of world.tenants.values()) {
    lines.push(
      `  ${tenant.ctx}  ${tenant.name}  ${tenant.state}, served by host ${tenant.hostIndex}: ` +
        api.tenantApiUrl(tenant.ctx),
    );
  }
  lines.push('SuperOffice logins (sandbox fixtures, they work nowhere else):');
  for (const user of world.users.values()) {
    lines.push(`  ${user.email}  password ${user.password}  (${user.name})`);
    lines.push(
      `    ${user.isAdministrator ? 'administrator' : 'normal user'}, tenants: ` +
        (user.tenants.length === 0 ? 'none' : user.tenants.map(tenantName).join(', ')),
    );
    lines.push(`    Story: ${superOfficeStoryOf(user)}`);
  }
  lines.push("SuperOffice apps (sandbox fixtures; each secret is the sandbox's own fixed demo value):");
  for (const app of world.apps.values()) {
    lines.push(`  ${app.clientId}  secret ${app.clientSecret}  (${app.name})`);
    if (app.redirectUris.length > 0) lines.push(`    redirect URIs: ${app.redirectUris.join(', ')}`);
    const approved = [...app.consents.keys()];
    const notApproved = [...world.tenants.keys()].filter((ctx) => !app.consents.has(ctx));
    lines.push(
      `    approved by: ${approved.length === 0 ? 'no tenant' : approved.map(tenantName).join(', ')}`,
    );
    if (notApproved.length > 0) lines.push(`    not approved by: ${notApproved.map(tenantName).join(', ')}`);
    for (const [ctx, consent] of app.consents) {
      lines.push(`    system token for ${ctx}: ${consent.systemToken}`);
    }
    const keyPath = keyPaths.get(app.clientId);
    if (keyPath) lines.push(`    system-user private key (PEM, new each run, removed on stop): ${keyPath}`);
  }
  lines.push(
    '  (system tokens are issued again after POST /_sandbox/reset and when a tenant approves the app)',
  );
  return lines;
}

/**
 * The `DATABRIDGE_*` environment that points the `databridge` command at a running sandbox: the interactive and
 * service Visma apps, the Visma Connect issuer and API, and the SuperOffice app with the SuperID issuer. Every
 * value is a sandbox fixture (the secrets are the sandbox's fixed demo values).
 */
export function sandboxEnvironment(sandbox: Sandbox): Record<string, string> {
  const visma = VISMA_SEED.apps.find((app) => app.clientId === 'isv_databridge');
  const service = VISMA_SEED.apps.find((app) => app.kind === 'service');
  const superOffice = [...sandbox.superOffice.world.apps.values()][0];
  return {
    ...(visma
      ? { DATABRIDGE_VISMA_CLIENT_ID: visma.clientId, DATABRIDGE_VISMA_CLIENT_SECRET: visma.clientSecret }
      : {}),
    DATABRIDGE_VISMA_ISSUER: sandbox.visma.issuer,
    DATABRIDGE_VISMA_API_URL: sandbox.visma.apiBaseUrl,
    ...(service
      ? {
          DATABRIDGE_VISMA_SERVICE_CLIENT_ID: service.clientId,
          DATABRIDGE_VISMA_SERVICE_CLIENT_SECRET: service.clientSecret,
        }
      : {}),
    ...(superOffice
      ? {
          DATABRIDGE_SUPEROFFICE_CLIENT_ID: superOffice.clientId,
          DATABRIDGE_SUPEROFFICE_CLIENT_SECRET: superOffice.clientSecret,
        }
      : {}),
    DATABRIDGE_SUPEROFFICE_ENVIRONMENT: sandbox.superOffice.issuer,
  };
}

/** Quotes a value for a POSIX shell when it needs it. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** `databridge sandbox`: starts the local stand-ins and keeps them running until interrupted. */
export async function runSandbox(out: DemoOutput, options: { port: number; host: string }): Promise<void> {
  const sandbox = await startSandbox(options);
  let keys: { dir: string; paths: Map<string, string> };
  try {
    keys = await writeSystemUserKeys(sandbox.superOffice);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    out.log(`Sandbox running at ${sandbox.url} (health: ${sandbox.url}/_sandbox/health).`);
    out.log(`Visma Connect issuer:   ${sandbox.visma.issuer}`);
    out.log(`Visma.net API base URL: ${sandbox.visma.apiBaseUrl}`);
    for (const line of describeVismaSeed()) out.log(line);
    for (const line of describeSuperOffice(sandbox.superOffice, keys.paths)) out.log(line);
    out.log(
      'Control API: POST /_sandbox/reset, POST /_sandbox/visma/revoke {clientId, email}, ' +
        'POST /_sandbox/visma/role {email, tenantId, role, granted}, ' +
        'POST /_sandbox/superoffice/tenant {ctx, state?, move?}, POST /_sandbox/superoffice/revoke {clientId, ctx}.',
    );
    out.log(
      `  SuperOffice tenant states: ${Object.keys(TENANT_STATES).join(', ')}; move: true switches the host.`,
    );
    out.log('Point the databridge command at this sandbox (paste into another shell):');
    for (const [name, value] of Object.entries(sandboxEnvironment(sandbox)))
      out.log(`  export ${name}=${shellQuote(value)}`);
    out.log('Press Ctrl-C to stop.');
    await stopped;
  } finally {
    stop();
    try {
      await sandbox.close();
    } finally {
      await rm(keys.dir, { recursive: true, force: true });
    }
    out.log('Sandbox stopped.');
  }
}
