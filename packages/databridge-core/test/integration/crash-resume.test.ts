import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, type Sandbox, signInToSuperOffice, signInToVisma, startSandbox } from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  discoverSuperOffice,
} from '@databridge/superoffice-client';
import {
  completeAuthorization,
  createAuthorizationRequest,
  discoverVismaAuth,
} from '@databridge/visma-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, type Run, type RunRecord, TOKENS_PURPOSE } from '../../src/model/index.js';
import type { JsonObject } from '../../src/model/json.js';
import { SqliteStore } from '../../src/store/index.js';
import { acquireRunLease } from '../../src/sync/run-lease.js';
import { encodeMasterKey, generateMasterKey, TokenVault } from '../../src/vault/index.js';
import { ADA, SIRI, SO_APP, SO_NORDLYS, VISMA_APP, VISMA_NORDLYS } from './connector-fixture.js';

/**
 * Issue 6: kill -9 the sync process at random points in 20 trials, then resume: no duplicates, at most one page
 * re-read per crash. Each trial runs crash-resume-child.ts (a real process on the TypeScript sources, sharing the
 * SQLite store) and SIGKILLs it after a random number of synced records plus a random few ms, so kills land
 * mid-page, mid-write and mid-acknowledgement. Between processes the CRM changes (renames, new companies). After
 * 20 kills two more runs go to completion (the first ends the half-done pass, the second reads what changed behind
 * its cursor). Randomness is seeded: set CRASH_RESUME_SEED to replay a failure's kill points and changes.
 */

const TRIALS = 20;
const PAGE_SIZE = 20;
const LEASE_TTL_MS = 500;
const CONTACTS = 100;
const CHANGED_PER_TRIAL = 12;
const ADDED_PER_TRIAL = 3;
const REDIRECT_URI = 'http://127.0.0.1/callback';
const SO_ASSOCIATE = 5; // Siri: changes "made in the CRM" between trials

const CHILD = fileURLToPath(new URL('./crash-resume-child.ts', import.meta.url));
/** Lets Node run the sources directly: `./x.js` imports of a `.ts` file resolve to `./x.ts`. */
const HOOKS = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});`)}`;

/** mulberry32: a small seeded PRNG, so a seed replays the same kill points and CRM changes (not the same timing). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface ChildEvent {
  readonly type: 'progress' | 'done';
  readonly runId: string;
  readonly state?: string;
  readonly leaseWaitMs: number;
}

interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly events: readonly ChildEvent[];
  readonly stderr: string;
  readonly runId: string | undefined;
  readonly leaseWaitMs: number | undefined;
  /** When the parent saw it exit. */
  readonly closedAt: number;
}

let sandbox: Sandbox;
let home: string;
let store: SqliteStore;
let childEnv: Record<string, string>;
let profileId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ vismaApi: { customers: 5 }, superOfficeApi: { contacts: CONTACTS } });
  home = mkdtempSync(join(tmpdir(), 'databridge-crash-'));
  const masterKey = generateMasterKey();
  store = await SqliteStore.open({ home, busyTimeoutMs: 10_000 });
  const vault = new TokenVault({ masterKey });

  const vismaAuth = await discoverVismaAuth({
    clientId: VISMA_APP.clientId,
    clientSecret: VISMA_APP.clientSecret,
    issuer: sandbox.visma.issuer,
  });
  const vismaRequest = await createAuthorizationRequest(vismaAuth, { redirectUri: REDIRECT_URI });
  const vismaTokens = await completeAuthorization(
    vismaAuth,
    vismaRequest,
    await signInToVisma(new Browser(sandbox.visma.issuer), vismaRequest.url, {
      ...ADA,
      tenantId: VISMA_NORDLYS.tenantId,
    }),
  );
  const soAuth = await discoverSuperOffice({
    environment: sandbox.superOffice.issuer,
    clientId: SO_APP.clientId,
    clientSecret: SO_APP.clientSecret,
  });
  const soRequest = await createSuperOfficeAuthorizationRequest(soAuth, {
    redirectUri: REDIRECT_URI,
    tenant: SO_NORDLYS.ctx,
  });
  const soTokens = await completeSuperOfficeAuthorization(
    soAuth,
    soRequest,
    await signInToSuperOffice(new Browser(sandbox.superOffice.issuer), soRequest.url, {
      ...SIRI,
      tenant: SO_NORDLYS.ctx,
    }),
  );

  const sealed = async (system: string, name: string, tenantId: string, tokens: object) => {
    const created: Connection = await store.createConnection({ system, name, tenantId });
    const swapped = await store.compareAndSwapTokens(
      created.id,
      created.version,
      vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(tokens)),
    );
    if (!swapped) throw new Error(`could not store the tokens of ${name}`);
    return created.id;
  };
  const crm = await sealed('superoffice', 'CRM Nordlys', SO_NORDLYS.ctx, soTokens);
  const erp = await sealed('visma', 'ERP Nordlys', VISMA_NORDLYS.tenantId, vismaTokens);
  const profile = await store.createProfile({
    name: 'Companies → customers',
    source: { connectionId: crm, entity: 'Contact' },
    target: { connectionId: erp, entity: 'customer' },
    direction: 'source_to_target',
    mapping: 'superoffice-contact-to-visma-customer',
    // OrgNr is unique in the seed (checked below); names are not (600 combinations for 200 companies), so `name`
    // would be an ambiguous second key and is left out.
    matchingKeys: ['corporateId'],
    // The SuperOffice stand-in stamps dates to the second: 2 s of overlap so no change is missed at a watermark.
    options: { pageSize: PAGE_SIZE, overlapMs: 2_000, retry: { minDelayMs: 0, maxDelayMs: 20 } },
  });
  profileId = profile.id;
  childEnv = {
    CRASH_HOME: home,
    DATABRIDGE_MASTER_KEY: encodeMasterKey(masterKey),
    CRASH_PROFILE_ID: profileId,
    CRASH_LEASE_TTL_MS: String(LEASE_TTL_MS),
    CRASH_VISMA_ISSUER: sandbox.visma.issuer,
    CRASH_VISMA_API: sandbox.visma.apiBaseUrl,
    CRASH_VISMA_CLIENT_ID: VISMA_APP.clientId,
    CRASH_VISMA_CLIENT_SECRET: VISMA_APP.clientSecret,
    CRASH_SO_ISSUER: sandbox.superOffice.issuer,
    CRASH_SO_CLIENT_ID: SO_APP.clientId,
    CRASH_SO_CLIENT_SECRET: SO_APP.clientSecret,
    // Node compiles the TypeScript sources once and reuses them: every later process starts about 1 s sooner.
    NODE_COMPILE_CACHE: join(home, 'compile-cache'),
  };
  // Writes take a few ms, so a kill often lands with writes of the page in flight.
  sandbox.visma.api.faults.set({ latencyMs: 2, jitterMs: 6 });
}, 30_000);

afterAll(async () => {
  await store?.close();
  await sandbox?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A running sync process. */
interface Child {
  /** Resolves when it exited. */
  readonly result: Promise<ChildResult>;
  /** Whether it printed anything yet (it holds the run lease by then) or exited. */
  readonly started: () => boolean;
}

/** Starts the sync process; with `kill`, SIGKILLs it `delayMs` after its `records`-th synced record. */
function runChild(kill?: { readonly records: number; readonly delayMs: number }): Child {
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--experimental-transform-types', '--import', HOOKS, CHILD],
    { env: { ...process.env, ...childEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: ChildEvent[] = [];
  let closed = false;
  const result = new Promise<ChildResult>((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    let progress = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        const event = JSON.parse(line) as ChildEvent;
        events.push(event);
        if (event.type === 'progress' && ++progress === kill?.records) {
          if (kill.delayMs === 0) child.kill('SIGKILL');
          else setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      closed = true;
      resolve({
        code,
        signal,
        events,
        stderr,
        runId: events[0]?.runId,
        leaseWaitMs: events[0]?.leaseWaitMs,
        closedAt: Date.now(),
      });
    });
  });
  return { result, started: () => closed || events.length > 0 };
}

/**
 * How long after `from` (the kill) the run lease of the profile could be taken again, probed while the next process
 * starts; `undefined` when that process got going first (it then reports its own wait).
 */
async function leaseFreeAfterMs(from: number, next: Child): Promise<number | undefined> {
  for (;;) {
    if (next.started()) return undefined;
    const lease = await acquireRunLease(store, profileId, LEASE_TTL_MS);
    if (lease) {
      await lease.release();
      return Date.now() - from;
    }
    if (Date.now() - from > 10 * LEASE_TTL_MS)
      throw new Error('the run lease of a killed run was never freed');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type LinkRows = Map<string, string>;

async function linkRows(): Promise<LinkRows> {
  return new Map((await store.listLinks(profileId)).map((link) => [link.sourceKey, JSON.stringify(link)]));
}

/** Source keys whose link the run between the two snapshots created or rewrote: the records it wrote. */
function written(before: LinkRows, after: LinkRows): Set<string> {
  return new Set([...after].filter(([key, row]) => before.get(key) !== row).map(([key]) => key));
}

/** The same normalisation as the ready-made mapping's `corporateId` field. */
const corporateId = (orgNr: unknown) => String(orgNr ?? '').replace(/[\s.-]/g, '');

interface Trial {
  readonly index: number;
  readonly kill: { readonly records: number; readonly delayMs: number } | undefined;
  readonly result: ChildResult;
  readonly crashed: boolean;
  /** How long its run lease still blocked the profile after the kill (`undefined`: the next process got it first). */
  leaseBlockedMs: number | undefined;
  /** Records whose link this process wrote (W). */
  readonly written: Set<string>;
  /** Records this process changed in SuperOffice after this trial (legitimately synced again). */
  readonly changedAfter: Set<string>;
}

describe('crash-resume of the sync engine', () => {
  it(`survives ${TRIALS} kill -9 at random points: 0 duplicates, at most one page re-read per crash`, async () => {
    const started = Date.now();
    const seed = Number(process.env.CRASH_RESUME_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = prng(seed);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const note = `crash-resume seed ${seed} (replay: CRASH_RESUME_SEED=${seed})`;
    console.log(note);

    const crm = sandbox.superOffice.api.data.tenant(SO_NORDLYS.ctx);
    const erp = sandbox.visma.api.data.company(VISMA_NORDLYS.tenantId);
    const seeded = crm.contacts.all();
    expect(new Set(seeded.map((c) => corporateId(c.OrgNr))).size, 'OrgNr unique in the seed').toBe(
      seeded.length,
    );
    const baseNames = new Map(seeded.map((c) => [String(c.ContactId), String(c.Name)]));
    let added = 0;

    const trials: Trial[] = [];
    let crashes = 0;
    /** Runs one process; the lease left by the previous one, if killed, is probed while this one starts. */
    const trial = async (kill: Trial['kill']) => {
      const previous = trials.at(-1);
      const before = await linkRows();
      const child = runChild(kill);
      const probe = previous?.crashed ? leaseFreeAfterMs(previous.result.closedAt, child) : undefined;
      const result = await child.result;
      if (previous && probe) previous.leaseBlockedMs = await probe;
      // A kill that lands after the run finished (while the process closes the store) is no crash of the run.
      const killed = result.signal === 'SIGKILL';
      const crashed = killed && (await store.getRun(result.runId ?? ''))?.state === 'running';
      if (!killed && result.code !== 0)
        throw new Error(`${note}: process ${trials.length + 1} exited ${result.code}: ${result.stderr}`);
      const done: Trial = {
        index: trials.length + 1,
        kill,
        result,
        crashed,
        leaseBlockedMs: undefined,
        written: written(before, await linkRows()),
        changedAfter: new Set(),
      };
      trials.push(done);
      return done;
    };

    while (crashes < TRIALS) {
      if (trials.length >= TRIALS * 2)
        throw new Error(`${note}: only ${crashes} kills landed in ${trials.length} processes`);
      const { index, crashed, changedAfter } = await trial({
        records: int(1, 35),
        delayMs: random() < 0.5 ? 0 : int(1, 15),
      });
      if (crashed) crashes++;

      // "Changes in the CRM" before the next trial: rename some companies, add a few.
      const ids = crm.contacts.all().map((c) => Number(c.ContactId));
      for (let i = 0; i < CHANGED_PER_TRIAL; i++) {
        const id = ids[int(0, ids.length - 1)] as number;
        const record = crm.contacts.get(id) as JsonObject;
        crm.update(
          'Contact',
          id,
          { ...record, Name: `${baseNames.get(String(id))} r${index}` },
          SO_ASSOCIATE,
        );
        changedAfter.add(String(id));
      }
      for (let i = 0; i < ADDED_PER_TRIAL; i++) {
        added++;
        const name = `Crashtest ${added} AS`;
        const created = crm.create(
          'Contact',
          {
            Name: name,
            OrgNr: `8${String(added).padStart(8, '0')}`,
            Emails: [{ Value: `post@crashtest${added}.example`, Description: '' }],
            Address: { Postal: { Address1: `Postboks ${added}`, Zipcode: '0150', City: 'Oslo' } },
            Country: { CountryId: 578 },
          },
          SO_ASSOCIATE,
        );
        baseNames.set(String(created.ContactId), name);
        changedAfter.add(String(created.ContactId));
      }
    }

    // Then to completion: the first run finishes the pass the crashes left half-done; the second starts a new pass
    // from that pass's watermark, so it brings over what changed behind the first one's cursor meanwhile.
    for (const final of [1, 2]) {
      const { result } = await trial(undefined);
      expect(result.code, `${note}: final run ${final}: ${result.stderr}`).toBe(0);
      expect(result.events.find((e) => e.type === 'done')?.state, `${note}: final run ${final}`).toBe(
        'succeeded',
      );
    }
    const runs = new Map<string, Run>(
      (await store.listRuns(profileId, { limit: 1000 })).map((r) => [r.id, r]),
    );
    const records = new Map<string, RunRecord[]>();
    for (const run of runs.values()) records.set(run.id, await store.listRunRecords(run.id));
    const keysOf = (runId: string | undefined) => (records.get(runId ?? '') ?? []).map((r) => r.sourceKey);

    // At most one page re-read per crash. For a killed run K:
    //   W(K) = records whose link K created or rewrote (links are saved right after each write);
    //   A(K) = records of K's acknowledged pages (its run records);
    //   U(K) = W(K) − A(K): written but not acknowledged, i.e. the work lost with the crash.
    // N = the next run that acknowledged a page. re-read(K) = records N synced again although K had written them:
    // N's run records ∩ W(K) when N resumed K's pass (its checkpointBefore has `resume`), N's run records ∩ U(K)
    // when N started a new pass (K's acknowledged records then come back only as changes since the watermark).
    // Records changed in the CRM after K was killed are left out: syncing them again is due anyway.
    // Required: |U(K)| ≤ pageSize and re-read(K) ≤ pageSize.
    const lines: string[] = [];
    const reReads: number[] = [];
    const lost: number[] = [];
    trials.forEach((trial, at) => {
      if (!trial.crashed) return;
      const acknowledged = new Set(keysOf(trial.result.runId));
      const unacknowledged = new Set([...trial.written].filter((key) => !acknowledged.has(key)));
      const changed = new Set<string>();
      let next: Trial | undefined;
      for (const later of trials.slice(at)) {
        if (later !== trial && keysOf(later.result.runId).length > 0) {
          next = later;
          break;
        }
        for (const key of later.changedAfter) changed.add(key);
      }
      const nextRun = runs.get(next?.result.runId ?? '');
      const resumed =
        (nextRun?.checkpointBefore as { forward?: { resume?: unknown } } | undefined)?.forward?.resume !==
        undefined;
      const done = resumed ? trial.written : unacknowledged;
      const again = keysOf(nextRun?.id).filter((key) => done.has(key) && !changed.has(key));
      reReads.push(again.length);
      lost.push(unacknowledged.size);
      lines.push(
        `trial ${trial.index}: killed after ${trial.kill?.records} records +${trial.kill?.delayMs} ms: ` +
          `acknowledged ${acknowledged.size}, written ${trial.written.size}, unacknowledged ${unacknowledged.size}; ` +
          `run of trial ${next?.index} (${resumed ? 'resumed' : 'new pass'}) re-read ${again.length}`,
      );
    });
    const leaseWaits = trials.map((t) => t.result.leaseWaitMs ?? 0);
    const blocked = trials.flatMap((t) => (t.leaseBlockedMs === undefined ? [] : [t.leaseBlockedMs]));
    const report = `${note}\n${lines.join('\n')}\nmax re-read per crash ${Math.max(...reReads)} (total ${reReads.reduce(
      (a, b) => a + b,
      0,
    )}); lease of a killed run blocked ${Math.min(...blocked)}–${Math.max(...blocked)} ms after the kill (${blocked.length} probed) (next process waited at most ${Math.max(...leaseWaits)} ms); ${trials.length} processes in ${Date.now() - started} ms`;
    console.log(report);

    // 0 duplicates: every CRM company is exactly one ERP customer, with its current name; no corporateId twice.
    const customers = erp.customers.all();
    const byCorporateId = new Map<string, typeof customers>();
    for (const customer of customers) {
      const key = customer.corporateId ?? '';
      byCorporateId.set(key, [...(byCorporateId.get(key) ?? []), customer]);
    }
    const twice = [...byCorporateId].filter(([key, list]) => key !== '' && list.length > 1);
    expect(
      twice.map(([key, list]) => `${key} ×${list.length}`),
      `${report}\nduplicate customers`,
    ).toEqual([]);
    const contacts = crm.contacts.all().filter((c) => c.Deleted !== 1);
    const missing = contacts.filter((c) => byCorporateId.get(corporateId(c.OrgNr))?.length !== 1);
    expect(
      missing.map((c) => c.ContactId),
      `${report}\nwithout exactly one customer`,
    ).toEqual([]);
    const stale = contacts.filter(
      (c) => byCorporateId.get(corporateId(c.OrgNr))?.[0]?.name !== String(c.Name).trim(),
    );
    expect(
      stale.map((c) => c.ContactId),
      `${report}\nlost updates`,
    ).toEqual([]);
    const links = await store.listLinks(profileId);
    expect(links.length, report).toBe(contacts.length);
    expect(new Set(links.map((l) => l.targetKey)).size, `${report}\ntwo companies on one customer`).toBe(
      links.length,
    );
    const creates = new Map<string, number>();
    for (const list of records.values())
      for (const r of list)
        if (r.outcome === 'created') creates.set(r.sourceKey, (creates.get(r.sourceKey) ?? 0) + 1);
    expect(
      [...creates].filter(([, n]) => n > 1),
      `${report}\ncreated twice`,
    ).toEqual([]);
    const failed = [...records.values()].flat().filter((r) => r.outcome === 'failed');
    expect(
      failed.map((r) => `${r.sourceKey}: ${r.error?.message}`),
      `${report}\nfailed records`,
    ).toEqual([]);

    // Killed runs are closed as interrupted; every other run succeeded.
    expect(runs.size, report).toBe(trials.length);
    for (const trial of trials) {
      const run = runs.get(trial.result.runId ?? '');
      expect(run, `${report}\nrun of trial ${trial.index}`).toBeDefined();
      if (trial.crashed) {
        expect(run?.state, `trial ${trial.index}`).toBe('failed');
        expect(run?.error?.message, `trial ${trial.index}`).toMatch(/^Interrupted/);
      } else {
        expect(run?.state, `trial ${trial.index}`).toBe('succeeded');
      }
    }

    // A killed run's lease still holds the profile right after the kill, and frees it within its TTL (plus a 10 ms
    // poll); no process waited longer than that for it either (plus its 20 ms retry).
    expect(Math.max(...blocked), report).toBeGreaterThan(0);
    expect(Math.max(...blocked), report).toBeLessThanOrEqual(LEASE_TTL_MS + 100);
    expect(Math.max(...leaseWaits), report).toBeLessThanOrEqual(LEASE_TTL_MS + 100);

    expect(reReads.length, report).toBe(TRIALS);
    expect(Math.max(...lost), `${report}\nwrites lost with one crash`).toBeLessThanOrEqual(PAGE_SIZE);
    expect(Math.max(...reReads), `${report}\nre-read per crash`).toBeLessThanOrEqual(PAGE_SIZE);
  }, 120_000);
});
