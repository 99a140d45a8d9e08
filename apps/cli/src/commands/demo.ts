import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Connection,
  checkConnection,
  encodeMasterKey,
  generateMasterKey,
  openWorkspace,
  type Profile,
  profileHealth,
  type Run,
  reconnect,
  runProfile,
  type Workspace,
} from '@databridge/core';
import {
  Browser,
  type Sandbox,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  signInToVisma,
  startSandbox,
  VISMA_SEED,
} from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
} from '@databridge/superoffice-client';
import { completeAuthorization, createAuthorizationRequest } from '@databridge/visma-client';
import { sandboxEnvironment } from './sandbox.js';

/** Where the demo writes what it does; a `Console`-like sink so tests can capture it. */
export interface DemoOutput {
  log(line: string): void;
}

const REDIRECT_URI = 'http://127.0.0.1/callback';
const [NORDLYS] = VISMA_SEED.companies;
const [ADA] = VISMA_SEED.users;
const [VISMA_APP] = VISMA_SEED.apps;
const [SO_NORDLYS] = SUPEROFFICE_SEED.tenants;
const [SIRI] = SUPEROFFICE_SEED.users;

function seeded<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The sandbox seed has no ${what}`);
  return value;
}

/** Signs in to Visma the way a person would (forced fresh login in a new browser), through the sandbox's pages. */
async function signInVisma(ws: Workspace, sandbox: Sandbox): Promise<object> {
  const auth = seeded((await ws.systems()).visma, 'Visma settings').auth;
  const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
  const ada = seeded(ADA, 'Visma user');
  const company = seeded(NORDLYS, 'Visma company');
  const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, {
    ...ada,
    tenantId: company.tenantId,
  });
  return completeAuthorization(auth, request, callback, { expectedCompanyId: company.tenantId });
}

/** Signs in to SuperOffice (SuperID) as the tenant's administrator. */
async function signInSuperOffice(ws: Workspace, sandbox: Sandbox): Promise<object> {
  const auth = seeded((await ws.systems()).superoffice, 'SuperOffice settings').auth;
  const tenant = seeded(SO_NORDLYS, 'SuperOffice tenant');
  const request = await createSuperOfficeAuthorizationRequest(auth, {
    redirectUri: REDIRECT_URI,
    tenant: tenant.ctx,
  });
  const callback = await signInToSuperOffice(new Browser(sandbox.superOffice.issuer), request.url, {
    ...seeded(SIRI, 'SuperOffice user'),
    tenant: tenant.ctx,
  });
  return completeSuperOfficeAuthorization(auth, request, callback);
}

function summary(run: Run): string {
  const c = run.counts;
  const seconds =
    run.startedAt && run.finishedAt
      ? ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)
      : '?';
  return (
    `${run.state}: ${c.seen} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ` +
    `${c.skipped} skipped, ${c.failed} failed; ${run.apiCalls} API calls in ${seconds} s`
  );
}

/**
 * `databridge demo`: the whole story against the local sandbox, each step shown as it happens: a fresh store in a
 * temporary home, both systems connected by scripted sign-ins, a ready-made SuperOffice → Visma profile and a real
 * sync; then the Visma grant is revoked, the next run stops at once with the remedy and every profile on the
 * connection shows it; one reconnect (forced fresh login) repairs them, and the run resumes from its checkpoint
 * without a duplicate.
 */
export async function runDemo(out: DemoOutput): Promise<void> {
  out.log('DataBridge demo: every step below runs for real, on loopback only.');
  out.log('Visma.net and SuperOffice are the local sandbox stand-ins; nothing leaves this machine.');

  out.log('1. Starting the sandbox and a fresh DataBridge home ...');
  const sandbox = await startSandbox({ superOfficeApi: { contacts: 40 } });
  const home = await mkdtemp(join(tmpdir(), 'databridge-demo-'));
  const ws = await openWorkspace({
    home,
    // The settings a real installation keeps in `<home>/config.json` or `DATABRIDGE_*` variables.
    env: { ...sandboxEnvironment(sandbox), DATABRIDGE_MASTER_KEY: encodeMasterKey(generateMasterKey()) },
    clients: { superoffice: { requestsPerSecond: 200 } },
  });
  try {
    out.log(`   Visma Connect ${sandbox.visma.issuer}, Visma.net API ${sandbox.visma.apiBaseUrl}`);
    out.log(`   SuperOffice SuperID ${sandbox.superOffice.issuer}`);
    out.log(`   home ${home} (store databridge.db, tokens sealed with AES-256-GCM)`);

    const ada = seeded(ADA, 'Visma user');
    const company = seeded(NORDLYS, 'Visma company');
    const tenant = seeded(SO_NORDLYS, 'SuperOffice tenant');
    out.log(
      `2. Connecting Visma.net: ${ada.email} signs in (code + PKCE, forced fresh login) and picks ${company.name} ...`,
    );
    const visma = await ws.store.createConnection({
      system: 'visma',
      name: 'Visma Nordlys',
      tenantId: company.tenantId,
      tenantName: company.name,
      accountUser: ada.email,
    });
    await reconnect(ws, visma.id, await signInVisma(ws, sandbox));
    const checked = await checkConnection(await ws.health(), visma.id);
    out.log(
      `   connection "${visma.name}" stored sealed; live check (needs the 'API User' role): ${checked.health}`,
    );

    out.log(`3. Connecting SuperOffice: ${seeded(SIRI, 'user').email} signs in to tenant ${tenant.name} ...`);
    const superoffice = await ws.store.createConnection({
      system: 'superoffice',
      name: 'SuperOffice Nordlys',
      tenantId: tenant.ctx,
      tenantName: tenant.name,
      accountUser: seeded(SIRI, 'user').email,
    });
    await reconnect(ws, superoffice.id, await signInSuperOffice(ws, sandbox));
    const soChecked = await checkConnection(await ws.health(), superoffice.id);
    out.log(`   connection "${superoffice.name}" stored sealed; live check: ${soChecked.health}`);

    out.log('4. Two profiles on those connections, from the ready-made mappings ...');
    const companies = await ws.store.createProfile({
      name: 'Companies',
      source: { connectionId: superoffice.id, entity: 'Contact' },
      target: { connectionId: visma.id, entity: 'customer' },
      direction: 'source_to_target',
      mapping: 'superoffice-contact-to-visma-customer',
      matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
      options: { pageSize: 10 },
    });
    const persons = await ws.store.createProfile({
      name: 'Persons',
      source: { connectionId: superoffice.id, entity: 'Person' },
      target: { connectionId: visma.id, entity: 'contact' },
      direction: 'source_to_target',
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
    });
    out.log(
      `   "${companies.name}": SuperOffice companies → Visma customers (matched on org.nr, then name + postcode)`,
    );
    out.log(`   "${persons.name}": SuperOffice persons → Visma contacts of the synced customers`);

    out.log('5. Dry run of "Companies" (first 3 records): what a run would do, writing nothing ...');
    const dry = await runProfile(ws.sync, companies.id, { dryRun: true, limit: 3 });
    for (const entry of dry.plan)
      out.log(
        `   ${entry.action} SuperOffice company ${entry.sourceKey}${entry.reason ? ` (${entry.reason})` : ''}`,
      );

    out.log('6. A real sync of "Companies" ...');
    const first = await runProfile(ws.sync, companies.id, { trigger: 'demo' });
    out.log(`   ${summary(first.run)}`);
    const personsRun = await runProfile(ws.sync, persons.id, { trigger: 'demo' });
    out.log(`   "Persons": ${summary(personsRun.run)}`);

    out.log('7. Meanwhile in SuperOffice: 3 companies are renamed ...');
    const contacts = sandbox.superOffice.api.data.tenant(tenant.ctx).tables.Contact;
    const changed = (contacts.all() as { ContactId: number; Name: string }[]).slice(1, 4);
    for (const contact of changed)
      contacts.put(contact.ContactId, {
        ...contact,
        Name: `${contact.Name} Holding`,
        UpdatedDate: new Date().toISOString(),
      });

    out.log(
      `8. ... and the Visma grant of ${ada.email} is revoked (consent withdrawn, as after the Visma Connect move) ...`,
    );
    sandbox.visma.world.revokeGrants(seeded(VISMA_APP, 'Visma app').clientId, ada.sub);
    const stopped = await runProfile(ws.sync, companies.id, { trigger: 'demo' });
    out.log(`   the run stopped at once: ${summary(stopped.run)}`);
    out.log(`   error (${stopped.run.error?.kind}): ${stopped.run.error?.message}`);
    out.log(`   remedy: ${stopped.run.error?.remedy ?? '(none)'}`);
    const broken = (await ws.store.getConnection(visma.id)) as Connection;
    out.log(`   connection "${broken.name}" is now ${broken.health}; every profile on it shows the same:`);
    for (const profile of [companies, persons] as Profile[]) {
      const health = await profileHealth(ws.store, profile);
      out.log(`     ${profile.name}: ${health.health}`);
    }

    out.log('9. Reconnecting once (a new browser and a forced fresh login, no private window needed) ...');
    const repaired = await reconnect(ws, visma.id, await signInVisma(ws, sandbox));
    out.log(
      `   ${repaired.connection.name} is ${repaired.connection.health}; repaired profiles: ${repaired.profiles
        .map((p) => p.name)
        .sort()
        .join(', ')}`,
    );

    out.log('10. The run resumes from its checkpoint ...');
    const resumed = await runProfile(ws.sync, companies.id, { trigger: 'demo' });
    out.log(`   ${summary(resumed.run)}`);
    const links = await ws.store.listLinks(companies.id);
    const customers = sandbox.visma.api.data.company(company.tenantId).customers.all();
    const targets = new Set(links.map((link) => link.targetKey));
    const orphans = customers.filter((c) => targets.has(String((c as { internalId: number }).internalId)));
    out.log(
      `   ${links.length} SuperOffice companies linked to ${targets.size} distinct Visma customers ` +
        `(${orphans.length} found in Visma): no duplicate`,
    );
  } finally {
    await ws.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
    out.log('Sandbox stopped and the temporary home removed.');
  }
  out.log('Next: `databridge sandbox` keeps the stand-ins running and prints the logins and settings;');
  out.log(
    '      `databridge connect visma`, `databridge profiles add`, `databridge run <profile> --dry-run`;',
  );
  out.log('      `pnpm test` runs every test; `databridge --help` lists the commands.');
}
