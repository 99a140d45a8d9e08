import { startSandbox, VISMA_SEED } from '@databridge/sandbox';
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

/** `databridge sandbox`: starts the local stand-ins and keeps them running until interrupted. */
export async function runSandbox(out: DemoOutput, options: { port: number; host: string }): Promise<void> {
  const sandbox = await startSandbox(options);
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
    out.log(
      'Control API: POST /_sandbox/reset, POST /_sandbox/visma/revoke {clientId, email}, ' +
        'POST /_sandbox/visma/role {email, tenantId, role, granted}.',
    );
    out.log('Press Ctrl-C to stop.');
    await stopped;
  } finally {
    stop();
    await sandbox.close();
    out.log('Sandbox stopped.');
  }
}
