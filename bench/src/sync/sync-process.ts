/**
 * The measured process of the sync benchmark: the SqliteStore in the home the suite prepared (both connections with
 * sealed tokens, and the profile: the suite signed in, see `sign-in.ts`), a TokenVault keyed from
 * `DATABRIDGE_MASTER_KEY`, the built-in connectors from `createConnectorResolver`, and `runProfile` on the SuperOffice
 * Contact → Visma customer profile. It loads `@databridge/core` and the two clients only, not the sandbox. Started by
 * `suites/sync.ts` with a {@link SyncConfig} as argv[2] and an IPC channel.
 */

import { getHeapSpaceStatistics } from 'node:v8';
import {
  createConnectorResolver,
  loadMasterKey,
  type Run,
  runProfile,
  SqliteStore,
  TokenVault,
} from '@databridge/core';
import { discoverSuperOffice } from '@databridge/superoffice-client';
import { discoverVismaAuth } from '@databridge/visma-client';
import { highWaterMarkKiB, type RunFigures, type SyncConfig, type SyncMessage } from './protocol.ts';

// The suite went away: stop too.
process.on('disconnect', () => process.exit(1));
const config = JSON.parse(process.argv[2] ?? '{}') as SyncConfig;
const send = process.send?.bind(process);
if (!send || !config.profileId)
  throw new Error('Start this from the sync suite (needs IPC and a prepared home)');

const { masterKey, source } = loadMasterKey({ home: config.home });
if (source !== 'env') throw new Error('Give the master key in DATABRIDGE_MASTER_KEY');
const store = await SqliteStore.open({ home: config.home });
const vault = new TokenVault({ masterKey });

const vismaAuth = await discoverVismaAuth({ ...config.vismaApp, issuer: config.vismaIssuer });
const soAuth = await discoverSuperOffice({ environment: config.superOfficeIssuer, ...config.superOfficeApp });

const connectors = createConnectorResolver({
  store,
  vault,
  systems: {
    visma: { auth: vismaAuth, apiBaseUrl: config.vismaApiBaseUrl },
    superoffice: { auth: soAuth },
  },
  superoffice: { requestsPerSecond: 1000, concurrency: 16 },
  visma: { concurrency: config.vismaConcurrency },
});
const profile = { id: config.profileId };

const debug = process.env.DATABRIDGE_BENCH_SYNC_DEBUG === '1';
const memory = (at: string): void => {
  if (!debug) return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const mb = (n: number) => `${(n / 1e6).toFixed(0)}MB`;
  const spaces = getHeapSpaceStatistics()
    .filter((space) => space.space_size >= 1e6)
    .map((space) => `${space.space_name.replace('_space', '')} ${mb(space.space_size)}`)
    .join(' ');
  console.error(
    `[sync] ${at}: rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} (${spaces})`,
  );
};
memory('ready');
if (debug) {
  process.on('exit', () => {
    for (const space of getHeapSpaceStatistics())
      console.error(
        `[sync] ${space.space_name}: size ${(space.space_size / 1e6).toFixed(0)}MB used ${(space.space_used_size / 1e6).toFixed(0)}MB`,
      );
  });
}

async function timedRun(): Promise<RunFigures> {
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  const { run } = await runProfile({ store, connectors }, profile.id, {
    trigger: 'bench',
    onProgress: debug ? (p) => p.counts.seen % 1000 === 0 && memory(`${p.counts.seen} seen`) : undefined,
  });
  memory('run done');
  const ms = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ...figuresOf(run, await firstError(run)),
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    hwmKiB: await highWaterMarkKiB(),
  };
}

function figuresOf(run: Run, error: string | undefined): Omit<RunFigures, 'ms' | 'cpuMs' | 'hwmKiB'> {
  return { state: run.state, ...run.counts, apiCalls: run.apiCalls, firstError: error ?? run.error?.message };
}

async function firstError(run: Run): Promise<string | undefined> {
  if (run.counts.failed === 0) return undefined;
  const records = await store.listRunRecords(run.id, { outcome: 'failed', limit: 1 });
  return records[0]?.error?.message;
}

/** Waits for the parent's go-ahead (it reads the sandbox's counters between the runs). */
function parentSaysContinue(): Promise<void> {
  return new Promise((resolve) => {
    process.once('message', () => resolve());
  });
}

const first = await timedRun();
send({ type: 'run', name: 'first', run: first } satisfies SyncMessage);
if (config.rerun) {
  await parentSaysContinue();
  // Read every record again: without a checkpoint the run starts from the first record, and each must be found
  // unchanged by its content hash (no write, no lookup).
  await store.setCheckpoint(profile.id, { v: 1 });
  const rerun = await timedRun();
  send({ type: 'run', name: 'rerun', run: rerun } satisfies SyncMessage);
}
await store.close();
send({ type: 'done', maxRssKiB: process.resourceUsage().maxRSS } satisfies SyncMessage, () =>
  process.exit(0),
);
