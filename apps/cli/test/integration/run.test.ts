import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reconnect, type Workspace } from '@databridge/core';
import { Browser, signInToSuperOffice, signInToVisma } from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
} from '@databridge/superoffice-client';
import { completeAuthorization, createAuthorizationRequest } from '@databridge/visma-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADA, CliFixture, SIRI, SO_NORDLYS, VISMA_APP, VISMA_NORDLYS } from './cli-fixture.js';

// The built `databridge` against the sandbox: profiles from files, dry runs, runs, run history and logs, and the
// exit codes a script relies on. `pnpm turbo run build --filter @databridge/cli...` builds it first.
const fx = new CliFixture({ vismaApi: { customers: 10 }, superOfficeApi: { contacts: 12 } });
const REDIRECT_URI = 'http://127.0.0.1/callback';

const PROFILE = `# SuperOffice companies → Visma customers
name: Companies
source: { connection: SuperOffice Nordlys, entity: Contact }
target: { connection: Visma Nordlys, entity: customer }
direction: source_to_target
mapping: superoffice-contact-to-visma-customer
matchingKeys: [corporateId, name+mainAddress.postalCode]
options:
  pageSize: 5
`;

interface RunJson {
  id: string;
  state: string;
  profileName: string;
  apiCalls: number;
  counts: Record<'seen' | 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed', number>;
  error?: { kind: string; message: string; remedy?: string };
}

beforeAll(() => fx.start());
afterAll(() => fx.stop());
beforeEach(async () => {
  fx.reset();
  await fx.withWorkspace(async (ws) => {
    await connectVisma(ws);
    await connectSuperOffice(ws);
  });
});

async function connectVisma(ws: Workspace): Promise<void> {
  const visma = (await ws.systems()).visma;
  if (!visma) throw new Error('Visma is not configured');
  const request = await createAuthorizationRequest(visma.auth, { redirectUri: REDIRECT_URI });
  const callback = await signInToVisma(new Browser(fx.sandbox.visma.issuer), request.url, {
    ...ADA,
    tenantId: VISMA_NORDLYS.tenantId,
  });
  const tokens = await completeAuthorization(visma.auth, request, callback);
  const created = await ws.store.createConnection({
    system: 'visma',
    name: 'Visma Nordlys',
    tenantId: VISMA_NORDLYS.tenantId,
    tenantName: VISMA_NORDLYS.name,
  });
  await reconnect(ws, created.id, tokens);
}

async function connectSuperOffice(ws: Workspace): Promise<void> {
  const superoffice = (await ws.systems()).superoffice;
  if (!superoffice) throw new Error('SuperOffice is not configured');
  const request = await createSuperOfficeAuthorizationRequest(superoffice.auth, {
    redirectUri: REDIRECT_URI,
    tenant: SO_NORDLYS.ctx,
  });
  const callback = await signInToSuperOffice(new Browser(fx.sandbox.superOffice.issuer), request.url, {
    ...SIRI,
    tenant: SO_NORDLYS.ctx,
  });
  const tokens = await completeSuperOfficeAuthorization(superoffice.auth, request, callback);
  const created = await ws.store.createConnection({
    system: 'superoffice',
    name: 'SuperOffice Nordlys',
    tenantId: SO_NORDLYS.ctx,
    tenantName: SO_NORDLYS.name,
  });
  await reconnect(ws, created.id, tokens);
}

function profileFile(name: string, text: string): string {
  const path = join(fx.home, name);
  writeFileSync(path, text);
  return path;
}

async function addCompanies(): Promise<void> {
  const added = await fx.run(['profiles', 'add', '--file', profileFile('companies.yaml', PROFILE)]);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
}

async function runs(...args: string[]): Promise<RunJson[]> {
  const { code, value } = await fx.json<RunJson[]>(['runs', ...args]);
  expect(code).toBe(0);
  return value;
}

function vismaCustomers(): number {
  return fx.sandbox.visma.api.data.company(VISMA_NORDLYS.tenantId).customers.all().length;
}

function soContacts() {
  return fx.sandbox.superOffice.api.data.tenant(SO_NORDLYS.ctx).tables.Contact;
}

/** What the store holds, to show that a refused command changed nothing. */
async function storeState() {
  return fx.withWorkspace(async (ws) => {
    const profiles = await ws.store.listProfiles();
    const all = [];
    for (const p of profiles)
      all.push({ p, runs: await ws.store.listRuns(p.id), links: await ws.store.listLinks(p.id) });
    return all;
  });
}

// Each test starts the CLI several times (about a second or two each on a busy machine).
describe('databridge profiles, run, runs and logs (built CLI against the sandbox)', {
  timeout: 120_000,
}, () => {
  it('adds a profile from a file and lists it', async () => {
    await addCompanies();
    const { code, value } = await fx.json<{ name: string; health: string; mapping: string; lastRun: null }[]>(
      ['profiles', 'list'],
    );
    expect(code).toBe(0);
    expect(value).toEqual([
      expect.objectContaining({
        name: 'Companies',
        health: 'ok',
        mapping: 'superoffice-contact-to-visma-customer',
        sourceConnection: 'SuperOffice Nordlys',
        targetConnection: 'Visma Nordlys',
        matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
        options: { pageSize: 5 },
        lastRun: null,
      }),
    ]);
    const table = await fx.run(['profiles', 'list']);
    expect(table.stdout).toContain('SuperOffice Nordlys Contact → Visma Nordlys customer');

    const removed = await fx.run(['profiles', 'rm', 'Companies', '--yes']);
    expect(removed.stderr).toBe('');
    expect(removed.stdout).toMatch(/^Removed profile "Companies"/);
    expect(await storeState()).toEqual([]);
  });

  it('--dry-run prints the plan as a diff and writes nothing', async () => {
    await addCompanies();
    const before = vismaCustomers();
    const dry = await fx.run(['run', 'Companies', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    // Every record has one line: + create, ~ update, = unchanged, - skip or ! fail; creates list their fields.
    const heads = dry.stdout
      .split('\n')
      .filter((line) => /^[+~=!-] (create|update|unchanged|skip|fail) /.test(line));
    expect(heads.length).toBeGreaterThan(0);
    expect(dry.stdout).toMatch(/^\+ create \d+\n {4}name: ".+"\n/m);
    expect(dry.stdout).toMatch(/^ {4}status: "Active"$/m);
    expect(dry.stdout).toMatch(/Dry run of "Companies": succeeded, \d+ seen: .*; nothing written\./);
    expect(dry.stdout).toContain('Would create');
    // Nothing written: no customer, no run, no link, no checkpoint.
    expect(vismaCustomers()).toBe(before);
    expect(await runs()).toEqual([]);
    const [state] = await storeState();
    expect(state?.links).toEqual([]);
    expect(await fx.withWorkspace((ws) => ws.store.getCheckpoint(state?.p.id ?? ''))).toBeUndefined();

    const json = await fx.json<{ dryRun: boolean; plan: { action: string }[]; run: RunJson }>([
      'run',
      'Companies',
      '--dry-run',
      '--limit',
      '3',
    ]);
    expect(json.code).toBe(0);
    expect(json.value.dryRun).toBe(true);
    expect(json.value.plan).toHaveLength(3);
    expect(json.value.run.counts.seen).toBe(3);
  });

  it('runs a profile: exit 0 with the summary, then runs --json and logs show it', async () => {
    await addCompanies();
    const before = vismaCustomers();
    const result = await fx.run(['run', 'Companies']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Run of "Companies": succeeded, \d+ seen: \d+ created.*, \d+ API calls, [\d.]+ m?s\./,
    );
    for (const row of ['State', 'Created', 'API calls', 'Duration']) expect(result.stdout).toContain(row);
    expect(result.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no token is ever printed

    const [run, ...older] = await runs();
    expect(older).toEqual([]);
    expect(run).toMatchObject({ state: 'succeeded', profileName: 'Companies', counts: { failed: 0 } });
    expect(run?.counts.created).toBeGreaterThan(0);
    expect(run?.apiCalls).toBeGreaterThan(0);
    expect(vismaCustomers()).toBe(before + (run?.counts.created ?? 0));
    expect(await runs('Companies', '--limit', '1')).toHaveLength(1);

    const logs = await fx.run(['logs', run?.id ?? '']);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`Run ${run?.id} of "Companies": succeeded`);
    expect(logs.stdout).toMatch(/│ 1 +│ (created|updated) /);
    const failed = await fx.run(['logs', run?.id ?? '', '--failed']);
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('No failed records match.');

    // A second run finds nothing new to write.
    const again = await fx.run(['run', 'Companies']);
    expect(again.code).toBe(0);
    expect((await runs())[0]?.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });

  it('exits 1 when some records fail, and logs --failed names them with the reason', async () => {
    await addCompanies();
    const table = soContacts();
    const broken = table
      .all()
      .filter((c) => c.Deleted === 0)
      .slice(0, 2)
      .map((c) => Number(c.ContactId));
    // A company without a name cannot become a Visma customer (the mapping requires it).
    for (const id of broken) table.put(id, { ...table.get(id), Name: '   ' });

    const result = await fx.run(['run', 'Companies']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Run of "Companies": partial, \d+ seen: .*2 failed/);
    const [run] = await runs();
    expect(run).toMatchObject({ state: 'partial', counts: { failed: 2 } });
    expect(result.stdout).toContain(`see \`databridge logs ${run?.id} --failed\``);

    const logs = await fx.run(['logs', run?.id ?? '', '--failed']);
    expect(logs.code).toBe(0);
    for (const id of broken) expect(logs.stdout).toMatch(new RegExp(`│ ${id} +│`));
    expect(logs.stdout).toMatch(/validation: .*name/i);
    const { value } = await fx.json<{
      records: { outcome: string; sourceKey: string; error: { kind: string } }[];
    }>(['logs', run?.id ?? '', '--kind', 'validation']);
    expect(value.records.map((r) => r.sourceKey).sort()).toEqual(broken.map(String).sort());
    expect(value.records.every((r) => r.outcome === 'failed' && r.error.kind === 'validation')).toBe(true);
    // The profile name stands for its latest run.
    expect((await fx.run(['logs', 'Companies', '--failed'])).stdout).toContain(`Run ${run?.id}`);
  });

  it('exits 2 with the remedy when the Visma grant is revoked, and the profile shows the health', async () => {
    await addCompanies();
    fx.sandbox.visma.world.revokeGrants(VISMA_APP.clientId, ADA.sub);
    const result = await fx.run(['run', 'Companies']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Remedy');
    expect(result.stderr).toMatch(/^databridge: .*reconnect/im);
    const [run] = await runs();
    expect(run).toMatchObject({ state: 'failed', error: { kind: 'reauth_required' } });
    const { value } = await fx.json<{ health: string; remedy: string }[]>(['profiles', 'list']);
    expect(value[0]).toMatchObject({ health: 'needs_reauth', remedy: expect.stringMatching(/reconnect/i) });
    // The next run is stopped before any call, with the same exit code.
    const again = await fx.run(['run', 'Companies', '--json']);
    expect(again.code).toBe(2);
    expect((JSON.parse(again.stdout) as { run: RunJson }).run.apiCalls).toBe(0);
  });

  it('refuses bad input in one line with exit 2 and changes nothing', async () => {
    await addCompanies();
    const before = await storeState();

    const unknown = await fx.run(['run', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('databridge: No profile "Nope"; profiles: "Companies".\n');

    const bad = profileFile(
      'bad.yaml',
      'name: Broken\nsource: { connection: x, entity: Contact\ntarget: y\n',
    );
    const malformed = await fx.run(['profiles', 'add', '--file', bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^databridge: .*bad\.yaml:\d+:\d+: YAML syntax: .+\n$/);
    expect(malformed.stderr.trim().split('\n')).toHaveLength(1);

    const flag = await fx.run(['run', 'Companies', '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim()).toBe("databridge: unknown option '--frobnicate'");

    const limit = await fx.run(['run', 'Companies', '--limit', '0']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('must be a positive whole number');

    const unknownConnection = await fx.run([
      'profiles',
      'add',
      '--file',
      profileFile('other.yaml', PROFILE.replace('Companies', 'Other').replace('Visma Nordlys', 'Visma Sør')),
    ]);
    expect(unknownConnection.code).toBe(2);
    expect(unknownConnection.stderr).toMatch(/^databridge: No connection "Visma Sør"; connections: .+\n$/);

    const kind = await fx.run(['logs', 'Companies', '--kind', 'oops']);
    expect(kind.code).toBe(2);

    expect(await storeState()).toEqual(before);
  });
});
