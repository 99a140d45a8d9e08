import { resolveDatabridgeHome } from '@databridge/core';
import { type SandboxHealth, startSandbox } from '@databridge/sandbox';
import { resolveSuperOfficeClientOptions } from '@databridge/superoffice-client';
import { resolveVismaClientOptions } from '@databridge/visma-client';

/** Where the demo writes what it does; a `Console`-like sink so tests can capture it. */
export interface DemoOutput {
  log(line: string): void;
}

/**
 * `databridge demo`: runs, step by step, everything the packages can do today, against the local sandbox only.
 * Each step prints what it really did; later issues extend it to a full sync and the web app.
 */
export async function runDemo(out: DemoOutput): Promise<void> {
  out.log('DataBridge demo: every step below runs for real, on loopback only.');

  out.log('1. Starting the local sandbox ...');
  const sandbox = await startSandbox();
  try {
    const response = await fetch(`${sandbox.url}/_sandbox/health`);
    const health = (await response.json()) as SandboxHealth;
    out.log(
      `   sandbox listening at ${sandbox.url}; GET /_sandbox/health -> ${response.status} ${health.status}`,
    );

    out.log('2. Validating client options the way each client does before sending anything ...');
    const visma = resolveVismaClientOptions({
      clientId: 'isv_databridge_demo',
      companyId: '5f0c3a8e-1b2c-4d5e-8f90-123456789abc',
      issuer: sandbox.url,
      apiBaseUrl: `${sandbox.url}/v1`,
    });
    out.log(`   Visma client bound to company ${visma.companyId}, issuer ${visma.issuer}`);
    const superOffice = resolveSuperOfficeClientOptions({
      clientId: 'databridge-demo',
      tenant: 'Cust12345',
      environment: sandbox.url,
    });
    out.log(`   SuperOffice client bound to tenant ${superOffice.tenant}, issuer ${superOffice.issuer}`);
    try {
      resolveVismaClientOptions({ clientId: 'isv_databridge_demo', companyId: 'ipp-company-id 1234' });
    } catch (error) {
      out.log(`   A legacy numeric company id is refused up front: ${(error as Error).message}`);
    }

    out.log(`3. Your DataBridge home would be ${resolveDatabridgeHome()} (set DATABRIDGE_HOME to move it).`);
  } finally {
    await sandbox.close();
    out.log('Sandbox stopped. Next: `pnpm test` runs every test; `databridge --help` lists the commands.');
  }
}
