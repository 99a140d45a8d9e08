/**
 * The sync process of crash-resume.test.ts, run by Node straight from the TypeScript sources (the test passes a
 * resolve hook that maps `.js` imports to `.ts` files). It opens the shared store, builds the connectors of the
 * sealed connections against the sandbox, runs the profile once and prints one JSON line per event on stdout:
 * `{"type":"progress",...}` after every record, `{"type":"done",...}` at the end. While another (killed) process still
 * holds the run lease it retries every 20 ms and reports how long it waited (`leaseWaitMs`).
 *
 * Environment: CRASH_HOME, DATABRIDGE_MASTER_KEY, CRASH_PROFILE_ID, CRASH_LEASE_TTL_MS, CRASH_VISMA_ISSUER,
 * CRASH_VISMA_API, CRASH_VISMA_CLIENT_ID, CRASH_VISMA_CLIENT_SECRET, CRASH_SO_ISSUER, CRASH_SO_CLIENT_ID,
 * CRASH_SO_CLIENT_SECRET.
 */
import { discoverSuperOffice } from '@databridge/superoffice-client';
import { discoverVismaAuth } from '@databridge/visma-client';
import { createConnectorResolver } from '../../src/connectors/create-connector-resolver.js';
import { SqliteStore } from '../../src/store/index.js';
import { RunInProgressError } from '../../src/sync/run-in-progress-error.js';
import { runProfile } from '../../src/sync/run-profile.js';
import { loadMasterKey } from '../../src/vault/load-master-key.js';
import { TokenVault } from '../../src/vault/token-vault.js';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const home = env('CRASH_HOME');
const profileId = env('CRASH_PROFILE_ID');
const leaseTtlMs = Number(env('CRASH_LEASE_TTL_MS'));
const { masterKey } = loadMasterKey({ home });
const store = await SqliteStore.open({ home, busyTimeoutMs: 10_000 });
const vault = new TokenVault({ masterKey });
const systems = {
  visma: {
    auth: await discoverVismaAuth({
      clientId: env('CRASH_VISMA_CLIENT_ID'),
      clientSecret: env('CRASH_VISMA_CLIENT_SECRET'),
      issuer: env('CRASH_VISMA_ISSUER'),
    }),
    apiBaseUrl: env('CRASH_VISMA_API'),
  },
  superoffice: {
    auth: await discoverSuperOffice({
      environment: env('CRASH_SO_ISSUER'),
      clientId: env('CRASH_SO_CLIENT_ID'),
      clientSecret: env('CRASH_SO_CLIENT_SECRET'),
    }),
  },
};
const connectors = createConnectorResolver({
  store,
  vault,
  systems,
  superoffice: { requestsPerSecond: 1000 },
});

const firstAttempt = Date.now();
let leaseWaitMs = 0;
for (;;) {
  // Measured at the attempt that gets the lease (runProfile refuses at once while another run holds it).
  leaseWaitMs = Date.now() - firstAttempt;
  try {
    const { run } = await runProfile({ store, connectors, leaseTtlMs }, profileId, {
      trigger: 'crash-resume',
      onProgress: (progress) =>
        print({ type: 'progress', runId: progress.runId, seen: progress.counts.seen, leaseWaitMs }),
    });
    print({ type: 'done', runId: run.id, state: run.state, counts: run.counts, leaseWaitMs });
    break;
  } catch (error) {
    // A killed run's lease lives on until its TTL runs out; wait at most a few TTLs for it.
    if (!(error instanceof RunInProgressError) || Date.now() - firstAttempt > 10 * leaseTtlMs) throw error;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
await store.close();
