import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { profileHealth, reconnect } from '../../src/connections/index.js';
import { createConnectorResolver } from '../../src/connectors/index.js';
import { READY_MAPPINGS } from '../../src/mapping/index.js';
import type { Connection, JsonObject, JsonValue, NewProfile, Profile } from '../../src/model/index.js';
import { type RunProfileOptions, runProfile, type SyncDeps } from '../../src/sync/index.js';
import { ADA, ConnectorWorld, SO_NORDLYS, VISMA_APP, VISMA_NORDLYS } from './connector-fixture.js';

// End to end against the sandbox over HTTP: SuperOffice Nordlys (30 companies, 60 persons) and Visma Nordlys.
const world = new ConnectorWorld();
let visma: Connection;
let superoffice: Connection;
let deps: SyncDeps;

beforeAll(() => world.start());
afterAll(() => world.stop());
beforeEach(async () => {
  await world.beforeEach();
  visma = await connect('visma');
  superoffice = await connect('superoffice');
  deps = {
    store: world.store,
    connectors: createConnectorResolver({
      store: world.store,
      vault: world.vault,
      systems: world.systems,
      superoffice: { requestsPerSecond: 1000, concurrency: 8 },
      visma: { concurrency: 8 },
    }),
    leaseTtlMs: 2000,
  };
});
afterEach(() => world.afterEach());

async function connect(system: 'visma' | 'superoffice'): Promise<Connection> {
  const created = await world.store.createConnection(
    system === 'visma'
      ? { system, name: 'Visma Nordlys', tenantId: VISMA_NORDLYS.tenantId, tenantName: VISMA_NORDLYS.name }
      : { system, name: 'SuperOffice Nordlys', tenantId: SO_NORDLYS.ctx, tenantName: SO_NORDLYS.name },
  );
  const tokens = system === 'visma' ? await world.signInVisma() : await world.signInSuperOffice();
  return (await reconnect({ store: world.store, vault: world.vault }, created.id, tokens)).connection;
}

const soToVisma = (source: string, target: string) => ({
  source: { connectionId: superoffice.id, entity: source },
  target: { connectionId: visma.id, entity: target },
});
const vismaToSo = (source: string, target: string) => ({
  source: { connectionId: visma.id, entity: source },
  target: { connectionId: superoffice.id, entity: target },
});

async function profile(
  input: Omit<NewProfile, 'direction'> & { direction?: NewProfile['direction'] },
): Promise<Profile> {
  return world.store.createProfile({ direction: 'source_to_target', ...input });
}

/** The company profile every other ready-made profile leans on (its links tell persons and sales their company). */
function companies(options: JsonObject = {}): Promise<Profile> {
  return profile({
    name: 'Companies',
    ...soToVisma('Contact', 'customer'),
    mapping: 'superoffice-contact-to-visma-customer',
    matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
    options: { pageSize: 10, ...options },
  });
}

async function run(p: Profile, options: RunProfileOptions = {}) {
  return runProfile(deps, p.id, options);
}

async function failures(runId: string): Promise<string[]> {
  return (await world.store.listRunRecords(runId, { outcome: 'failed' })).map(
    (r) => `${r.sourceKey}: ${r.error?.message}`,
  );
}

function vismaCustomers(): number {
  return world.sandbox.visma.api.data.company(VISMA_NORDLYS.tenantId).customers.all().length;
}

function soContacts() {
  return [...world.sandbox.superOffice.api.data.tenant(SO_NORDLYS.ctx).tables.Contact.all()] as unknown as {
    ContactId: number;
    Name: string;
    Deleted: number;
  }[];
}

describe('ready-made profiles against the sandbox', () => {
  it('SuperOffice companies → Visma customers: every company lands once, and a re-run writes nothing', async () => {
    const p = await companies();
    const first = await run(p);
    expect(await failures(first.run.id)).toEqual([]);
    expect(first.run.state).toBe('succeeded');
    const live = soContacts().filter((c) => c.Deleted === 0);
    const links = await world.store.listLinks(p.id);
    expect(links.map((l) => l.sourceKey).sort()).toEqual(live.map((c) => String(c.ContactId)).sort());
    expect(new Set(links.map((l) => l.targetKey)).size).toBe(links.length);

    // Read everything again (checkpoint cleared): the content hashes stop every write.
    await world.store.setCheckpoint(p.id, { v: 1 });
    const again = await run(p);
    expect(again.run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(again.run.counts.unchanged).toBe(links.length);
  });

  it('Visma customers → SuperOffice companies, persons ↔ contacts and invoices → sales, each re-run writing nothing', async () => {
    const company = await companies();
    expect((await run(company)).run.state).toBe('succeeded');
    const lookups = {
      superofficeContactIdByCustomerNumber: {
        links: 'Companies',
        key: { target: 'number' },
        value: 'sourceKey',
      },
    } satisfies JsonObject;
    const profiles = [
      await profile({
        name: 'Customers back',
        ...vismaToSo('customer', 'Contact'),
        mapping: 'visma-customer-to-superoffice-contact',
        matchingKeys: ['OrgNr', 'Name'],
        options: {
          lookups: {
            superofficeCountryIdByIso: { table: { NO: 578, SE: 752, DK: 208 } },
            superofficeCategoryIdByClass: { table: {} },
          },
        },
      }),
      await profile({
        name: 'Persons',
        ...soToVisma('Person', 'contact'),
        mapping: 'superoffice-person-to-visma-contact',
        matchingKeys: ['email'],
        options: {
          lookups: {
            vismaCustomerNumberByContactId: {
              links: 'Companies',
              key: 'sourceKey',
              value: { target: 'number' },
            },
          },
        },
      }),
      await profile({
        name: 'Contacts back',
        ...vismaToSo('contact', 'Person'),
        mapping: 'visma-contact-to-superoffice-person',
        matchingKeys: ['Emails[0].Value'],
        options: { lookups },
      }),
      await profile({
        name: 'Invoices',
        ...vismaToSo('customerInvoice', 'Sale'),
        mapping: 'visma-invoice-to-superoffice-sale',
        matchingKeys: ['Number'],
        options: { lookups },
      }),
    ];
    for (const p of profiles) {
      const first = await run(p);
      expect(await failures(first.run.id), p.name).toEqual([]);
      expect(first.run.state, p.name).toBe('succeeded');
      expect(first.run.counts.seen, p.name).toBeGreaterThan(0);
      await world.store.setCheckpoint(p.id, { v: 1 });
      const again = await run(p);
      expect(again.run.counts, p.name).toMatchObject({ created: 0, updated: 0, failed: 0 });
    }
    expect(Object.keys(READY_MAPPINGS)).toHaveLength(5);
  });

  it('revoking the grant mid-run stops the run on the next call; every profile on the connection shows it; reconnecting resumes without duplicates', async () => {
    const p = await companies({ concurrency: 1 });
    const other = await profile({
      name: 'Persons',
      ...soToVisma('Person', 'contact'),
      mapping: 'superoffice-person-to-visma-contact',
      options: {
        lookups: {
          vismaCustomerNumberByContactId: {
            links: 'Companies',
            key: 'sourceKey',
            value: { target: 'number' },
          },
        },
      },
    });
    let revokedAt = -1;
    const stopped = await run(p, {
      onProgress: (progress) => {
        if (progress.counts.seen === 12 && revokedAt < 0) {
          revokedAt = progress.counts.seen;
          world.sandbox.visma.world.revokeGrants(VISMA_APP.clientId, ADA.sub);
        }
      },
    });
    expect(stopped.run.state).toBe('failed');
    expect(stopped.run.error?.kind).toBe('reauth_required');
    expect(stopped.run.error?.remedy).toMatch(/reconnect/i);
    // It stopped on the next call: only the record in flight was attempted after the revoke.
    expect(stopped.run.counts.seen).toBe(12);
    // The checkpoint is where the last acknowledged page left it (page 1 of 10), the watermark unmoved.
    const checkpoint = (await world.store.getCheckpoint(p.id))?.value as {
      forward: { watermark?: string; resume: { cursor: JsonValue } };
    };
    expect(checkpoint.forward.watermark).toBeUndefined();
    expect(checkpoint.forward.resume.cursor).toBeDefined();
    const stored = await world.store.getConnection(visma.id);
    expect(stored).toMatchObject({ health: 'needs_reauth', lastError: { kind: 'reauth_required' } });
    for (const each of [p, other]) {
      expect(await profileHealth(world.store, each)).toMatchObject({
        health: 'needs_reauth',
        remedy: stored?.lastError?.remedy,
      });
    }

    // Reconnect with a forced fresh login: both profiles are repaired and the run resumes from its checkpoint.
    const repaired = await reconnect(
      { store: world.store, vault: world.vault },
      visma.id,
      await world.signInVisma(),
    );
    expect(repaired.profiles.map((x) => x.name).sort()).toEqual(['Companies', 'Persons']);
    expect(await profileHealth(world.store, other)).toEqual({ health: 'ok' });
    const resumed = await run(p);
    expect(resumed.run.state).toBe('succeeded');
    expect(resumed.run.counts.seen).toBeLessThanOrEqual(soContacts().length - 10);
    const links = await world.store.listLinks(p.id);
    expect(links).toHaveLength(soContacts().filter((c) => c.Deleted === 0).length);
    expect(new Set(links.map((l) => l.targetKey)).size).toBe(links.length);
  });

  it('removing the API User role stops the run with needs_permission naming the role and the company', async () => {
    const p = await companies();
    world.sandbox.visma.world.setRole(ADA.sub, VISMA_NORDLYS.tenantId, 'API User', false);
    const { run: stopped } = await run(p);
    expect(stopped).toMatchObject({ state: 'failed', error: { kind: 'permission' } });
    expect(stopped.error?.remedy).toContain(`'API User' role for company ${VISMA_NORDLYS.name}`);
    expect(await profileHealth(world.store, p)).toMatchObject({ health: 'needs_permission' });
    expect(await world.store.getCheckpoint(p.id)).toBeUndefined();
  });

  it('two-way: changes flow both ways by field, and neither side echoes the other back', async () => {
    const p = await profile({
      name: 'Companies both ways',
      ...soToVisma('Contact', 'customer'),
      direction: 'two_way',
      mapping: {
        sourceToTarget: 'superoffice-contact-to-visma-customer',
        targetToSource: {
          version: 1,
          name: 'Visma customer → SuperOffice company (ERP-owned fields)',
          source: 'visma.customer',
          target: 'superoffice.contact',
          fields: [{ target: 'Number1', rule: { kind: 'copy', from: 'number' } }],
        },
      },
      matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
      options: { pageSize: 10, reverseMode: 'update_only' },
    });
    const first = await run(p);
    expect(await failures(first.run.id)).toEqual([]);
    const records = await world.store.listRunRecords(first.run.id);
    const reverse = records.filter((r) => r.detail?.direction === 'target_to_source');
    // The reverse pass saw the customers the forward pass had just written as its own echo, and skipped them.
    const created = records.filter((r) => r.outcome === 'created').map((r) => r.targetKey);
    for (const key of created) {
      expect(reverse.find((r) => r.sourceKey === key)?.detail?.reason).toContain('loop prevention');
    }
    expect(reverse.every((r) => r.outcome === 'skipped')).toBe(true);

    // An accountant changes one customer in Visma: only the ERP-owned field (its number → Number1) flows back.
    const [link] = await world.store.listLinks(p.id);
    if (!link) throw new Error('no link');
    const erp = await deps.connectors(visma);
    await erp.update('customer', link.targetKey, { creditLimit: 5000 });
    const number = (await erp.read('customer', link.targetKey))?.data.number;
    const second = await run(p);
    expect(second.run.counts).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const contact = world.sandbox.superOffice.api.data
      .tenant(SO_NORDLYS.ctx)
      .tables.Contact.get(Number(link.sourceKey)) as { Number1: string; Name: string };
    expect(contact.Number1).toBe(number);

    // The company our reverse write changed is not pushed forward again (loop prevention), nor anything else.
    const third = await run(p);
    expect(third.run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    const echo = (await world.store.listRunRecords(third.run.id)).find(
      (r) => r.sourceKey === link.sourceKey && r.detail?.direction === 'source_to_target',
    );
    expect(echo?.detail?.reason).toContain('loop prevention');
  });

  it('the dry-run plan is what the real run then does, and the dry run writes nothing', async () => {
    const p = await companies();
    const customersBefore = vismaCustomers();
    const dry = await run(p, { dryRun: true });
    expect(vismaCustomers()).toBe(customersBefore);
    expect(await world.store.getCheckpoint(p.id)).toBeUndefined();
    expect(await world.store.listRuns(p.id)).toEqual([]);
    expect(await world.store.listLinks(p.id)).toEqual([]);
    const real = await run(p);
    const records = await world.store.listRunRecords(real.run.id);
    const outcome = {
      create: 'created',
      update: 'updated',
      unchanged: 'unchanged',
      skip: 'skipped',
      fail: 'failed',
    };
    expect(records.map((r) => [r.sourceKey, r.outcome, r.targetKey ?? null])).toEqual(
      dry.plan.map((e) => [
        e.sourceKey,
        outcome[e.action],
        e.action === 'create'
          ? (records.find((r) => r.sourceKey === e.sourceKey)?.targetKey ?? null)
          : (e.targetKey ?? null),
      ]),
    );
    for (const entry of dry.plan.filter((e) => e.action === 'update'))
      expect(records.find((r) => r.sourceKey === entry.sourceKey)?.detail?.changes).toEqual(entry.changes);
  });

  it('writes the Visma customer number back into the SuperOffice company, and does not sync that echo again', async () => {
    const p = await companies({ writeBack: { field: 'Number1', from: 'number' } });
    const first = await run(p);
    expect(await failures(first.run.id)).toEqual([]);
    const erp = await deps.connectors(visma);
    const table = world.sandbox.superOffice.api.data.tenant(SO_NORDLYS.ctx).tables.Contact;
    for (const link of (await world.store.listLinks(p.id)).slice(0, 5)) {
      const customer = await erp.read('customer', link.targetKey);
      expect((table.get(Number(link.sourceKey)) as { Number1: string }).Number1).toBe(customer?.data.number);
    }
    const second = await run(p);
    expect(second.run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
  });

  it('a first-N test run syncs N records and leaves the checkpoint for the full run', async () => {
    const p = await companies();
    const { run: limited } = await run(p, { limit: 5 });
    expect(limited.counts.seen).toBe(5);
    expect(await world.store.getCheckpoint(p.id)).toBeUndefined();
  });
});
