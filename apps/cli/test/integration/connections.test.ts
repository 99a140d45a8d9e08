import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADA,
  CliFixture,
  type CliFixture as CliFixtureType,
  SO_NORDLYS,
  VISMA_APP,
  VISMA_EIENDOM,
  VISMA_NORDLYS,
} from './cli-fixture.js';

// These run the built command (`pnpm --filter @databridge/cli build`) against a sandbox in this process.
const fx: CliFixtureType = new CliFixture();
const NO_TOKEN = /eyJ[\w-]+\.[\w-]+\.|8A:Cust/; // neither a JWT nor a SuperOffice access token is ever printed

interface Row {
  id: string;
  name: string;
  system: string;
  tenantId: string;
  tenantName: string | null;
  accountUser: string | null;
  health: string;
  remedy: string | null;
  tokenExpiresAt: string | null;
  profiles: { id: string; name: string }[];
}

beforeAll(() => fx.start());
afterAll(() => fx.stop());
beforeEach(() => fx.reset());

/** `connect <system> --no-browser <extra>`, with the scripted browser signing in through the printed URL. */
async function connect(
  system: 'visma' | 'superoffice',
  extra: string[] = [],
  tenantId: string = VISMA_NORDLYS?.tenantId ?? '',
) {
  const cli = fx.spawn(['connect', system, '--no-browser', ...extra]);
  const url = await cli.signInUrl();
  const page =
    system === 'visma'
      ? await fx.completeVismaSignIn(url, { ...ADA, tenantId })
      : await fx.completeSuperOfficeSignIn(url);
  expect(page.status).toBe(200);
  expect(page.text).toContain('You can close this window');
  return cli.exited;
}

async function connections(): Promise<Row[]> {
  const { code, value } = await fx.json<Row[]>(['connections']);
  expect(code).toBe(0);
  return value;
}

describe('databridge connect', () => {
  it('signs in to Visma through the loopback redirect and stores the connection sealed', async () => {
    const result = await connect('visma');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Open this URL to sign in: http:\/\/127\.0\.0\.1:\d+\/connect\/authorize\?\S*redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback/,
    );
    expect(result.stdout).toContain('prompt=login+consent');
    expect(result.stdout).toContain(
      `Stored new connection visma-6c1d8d0a: Visma company ${VISMA_NORDLYS?.tenantId}, user ada@nordlys.example, health ok`,
    );
    expect(result.stdout).not.toMatch(NO_TOKEN);

    const [row] = await connections();
    expect(row).toMatchObject({
      name: 'visma-6c1d8d0a',
      system: 'visma',
      tenantId: VISMA_NORDLYS?.tenantId,
      accountUser: 'ada@nordlys.example',
      health: 'ok',
      profiles: [],
    });
    expect(Date.parse(row?.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now());
    // Sealed in the store: the database file holds no token in the clear.
    await fx.withWorkspace(async (workspace) => {
      const [stored] = await workspace.store.listConnections();
      expect(JSON.stringify(stored)).not.toMatch(NO_TOKEN);
      expect(stored?.tokens).toBeDefined();
    });
  });

  it('signs in to SuperOffice, and connecting again to the same tenant reconnects it', async () => {
    const first = await connect('superoffice', ['--name', 'crm']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'Stored new connection crm: SuperOffice tenant Nordlys AS (Cust12345), user siri@nordlys.example, health ok',
    );
    const again = await connect('superoffice', ['--company', SO_NORDLYS?.ctx ?? '', '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Open this URL to sign in:'); // progress on stderr under --json
    expect(JSON.parse(again.stdout)).toMatchObject({ name: 'crm', created: false, health: 'ok' });
    const rows = await connections();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'crm', tenantName: 'Nordlys AS', health: 'ok' });
  });

  it('refuses a sign-in to another company than --company', async () => {
    const result = await connect(
      'visma',
      ['--company', VISMA_EIENDOM?.tenantId ?? ''],
      VISMA_NORDLYS?.tenantId,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`company ${VISMA_EIENDOM?.tenantId} was expected`);
    expect(await fx.withWorkspace(({ store }) => store.listConnections())).toEqual([]);
  });

  it('connects a Visma service app with client credentials', async () => {
    const result = await fx.run([
      'connect',
      'visma',
      '--service',
      '--company',
      VISMA_NORDLYS?.tenantId ?? '',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Stored new connection visma-service-6c1d8d0a');
    expect(result.stdout).toContain('user service app isv_databridge_service, health ok');
  });

  it('has help with examples on every command', async () => {
    const commands = ['connect', 'connections', 'reconnect', 'doctor'];
    const results = await Promise.all(commands.map((command) => fx.run([command, '--help'])));
    results.forEach(({ code, stdout }, index) => {
      expect(code).toBe(0);
      expect(stdout).toContain('Examples:');
      expect(stdout).toContain(`$ databridge ${commands[index]}`);
    });
  });
});

describe('databridge connections', () => {
  it('lists connections as a table and JSON, and --check names the missing role (exit 2)', async () => {
    await fx.storeVismaConnection('visma-6c1d8d0a');
    await fx.storeSuperOfficeConnection('superoffice-Cust12345');
    const [table, healthy] = await Promise.all([fx.run(['connections']), fx.run(['connections', '--check'])]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /Name\s+│ System\s+│ Company \/ tenant\s+│ User\s+│ Health\s+│ Token expires\s+│ Profiles/,
    );
    expect(table.stdout).toMatch(
      /visma-6c1d8d0a\s+│ Visma\s+│ 6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01 │ ada@nordlys\.example\s+│ ok/,
    );
    expect(table.stdout).toMatch(/superoffice-Cust12345 │ SuperOffice │ Nordlys AS \(Cust12345\)/);
    expect(table.stdout).not.toMatch(NO_TOKEN);

    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('All 2 connection(s) work.');

    fx.sandbox.visma.world.setRole(ADA?.sub ?? '', VISMA_NORDLYS?.tenantId ?? '', 'API User', false);
    const checked = await fx.run(['connections', '--check']);
    expect(checked.code).toBe(2);
    expect(checked.stdout).toMatch(/needs action visma-6c1d8d0a \(needs_permission\): .*'API User' role/);
    expect(checked.stdout).toContain(VISMA_NORDLYS?.tenantId);
    const [rows, doctor] = await Promise.all([connections(), fx.run(['doctor'])]);
    expect(rows.map((r) => r.health)).toEqual(['needs_permission', 'ok']);
    expect(rows[0]?.remedy).toMatch(/'API User' role for .*6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01/);

    expect(doctor.code).toBe(2);
    expect(doctor.stdout).toMatch(/ok\s+store: .*schema version \d+/);
    expect(doctor.stdout).toMatch(/ok\s+master key: DATABRIDGE_MASTER_KEY: from DATABRIDGE_MASTER_KEY/);
    expect(doctor.stdout).toMatch(/ok\s+clock: http:\/\/127\.0\.0\.1:\d+: local clock is \d+ s/);
    expect(doctor.stdout).toMatch(/problem\s+connection: visma-6c1d8d0a .*needs_permission/);
    expect(doctor.stdout).toMatch(/fix: .*'API User' role/);
    expect(doctor.stdout).toContain('1 problem(s)');
    expect(doctor.stdout).not.toMatch(NO_TOKEN);
  });
});

describe('databridge reconnect', () => {
  it('--all-broken signs in again to each revoked connection and reports the repaired profiles', async () => {
    await fx.storeVismaConnection('visma-6c1d8d0a');
    await fx.storeVismaConnection('eiendom', { ...ADA, tenantId: VISMA_EIENDOM?.tenantId ?? '' });
    await fx.storeSuperOfficeConnection('superoffice-Cust12345');
    await fx.withWorkspace(async ({ store }) => {
      const [nordlys, eiendom, crm] = await store.listConnections();
      for (const [name, target] of [
        ['Companies', nordlys],
        ['Eiendom companies', eiendom],
      ] as const) {
        await store.createProfile({
          name,
          source: { connectionId: crm?.id ?? '', entity: 'Contact' },
          target: { connectionId: target?.id ?? '', entity: 'customer' },
          direction: 'source_to_target',
          mapping: 'superoffice-contact-to-visma-customer',
          matchingKeys: ['corporateId'],
        });
      }
    });
    fx.sandbox.visma.world.revokeGrants(VISMA_APP?.clientId ?? '', ADA?.sub ?? '');

    const cli = fx.spawn(['reconnect', '--all-broken', '--no-browser']);
    await fx.completeVismaSignIn(await cli.signInUrl(1), { ...ADA, tenantId: VISMA_NORDLYS?.tenantId ?? '' });
    await fx.completeVismaSignIn(await cli.signInUrl(2), { ...ADA, tenantId: VISMA_EIENDOM?.tenantId ?? '' });
    const result = await cli.exited;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 connection(s) need signing in again: visma-6c1d8d0a, eiendom');
    expect(result.stdout).toMatch(
      /Reconnected visma-6c1d8d0a: .*health ok\n {2}Repaired profiles: Companies\n/,
    );
    expect(result.stdout).toMatch(
      /Reconnected eiendom: .*health ok\n {2}Repaired profiles: Eiendom companies\n/,
    );
    expect(result.stdout).not.toMatch(NO_TOKEN);
    const rows = await connections();
    expect(rows.map((r) => [r.name, r.health, r.profiles.map((p) => p.name)])).toEqual([
      ['visma-6c1d8d0a', 'ok', ['Companies']],
      ['eiendom', 'ok', ['Eiendom companies']],
      ['superoffice-Cust12345', 'ok', ['Companies', 'Eiendom companies']],
    ]);

    // Nothing broken any more.
    const again = await fx.run(['reconnect', '--all-broken']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No connection needs signing in again.');
  });

  it('reconnects one connection by name', async () => {
    await fx.storeSuperOfficeConnection('crm');
    const cli = fx.spawn(['reconnect', 'crm', '--no-browser']);
    await fx.completeSuperOfficeSignIn(await cli.signInUrl());
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Reconnected crm: SuperOffice tenant Nordlys AS (Cust12345)');
    expect(result.stdout).toContain('No profile uses this connection.');
  });
});

describe('bad input', () => {
  async function connectionCount(): Promise<number> {
    return fx.withWorkspace(async ({ store }) => (await store.listConnections()).length);
  }

  it('refuses an unknown flag in one line', async () => {
    const result = await fx.run(['connections', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("databridge: unknown option '--frobnicate'");
  });

  it('names an unknown connection and changes nothing', async () => {
    await fx.storeVismaConnection('visma-6c1d8d0a');
    const list = () => fx.withWorkspace(({ store }) => store.listConnections());
    const before = await list();
    const result = await fx.run(['reconnect', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('No connection named "nope"');
    expect(await list()).toEqual(before);
  });

  it('names the missing app configuration and changes nothing', async () => {
    const envs = [
      { DATABRIDGE_VISMA_CLIENT_ID: undefined },
      {
        DATABRIDGE_VISMA_CLIENT_ID: undefined,
        DATABRIDGE_VISMA_CLIENT_SECRET: undefined,
        DATABRIDGE_VISMA_ISSUER: undefined,
        DATABRIDGE_VISMA_API_URL: undefined,
        DATABRIDGE_VISMA_SERVICE_CLIENT_ID: undefined,
        DATABRIDGE_VISMA_SERVICE_CLIENT_SECRET: undefined,
      },
    ];
    const results = await Promise.all(
      envs.map((env) => fx.run(['connect', 'visma', '--no-browser'], { env })),
    );
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('No Visma app is configured: set DATABRIDGE_VISMA_CLIENT_ID');
      expect(result.stdout).not.toContain('Open this URL');
    }
    expect(await connectionCount()).toBe(0);
  });

  it('needs --company for --service, and refuses bad timeouts', async () => {
    const [service, timeout, system] = await Promise.all([
      fx.run(['connect', 'visma', '--service']),
      fx.run(['connect', 'visma', '--timeout', 'soon']),
      fx.run(['connect', 'salesforce']),
    ]);
    expect(service.code).toBe(2);
    expect(service.stderr.trim()).toBe(
      'databridge: --service needs --company <Visma company id> (the Company tenant id)',
    );
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain("option '--timeout <seconds>' argument 'soon' is invalid");
    expect(system.code).toBe(2);
    expect(system.stderr).toContain('Allowed choices are visma, superoffice');
    expect(await connectionCount()).toBe(0);
  });

  it('times out when no sign-in arrives', async () => {
    const result = await fx.run(['connect', 'visma', '--no-browser', '--timeout', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'databridge: No sign-in arrived within 1 s; run the command again (or give --timeout <seconds> for more time)',
    );
    expect(await connectionCount()).toBe(0);
  });

  it('names DATABRIDGE_MASTER_KEY when the store holds sealed tokens but no key is given', async () => {
    await fx.storeVismaConnection('visma-6c1d8d0a');
    const noKey = { env: { DATABRIDGE_MASTER_KEY: undefined } };
    const results = await Promise.all([fx.run(['connections'], noKey), fx.run(['doctor'], noKey)]);
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(`${result.stdout}${result.stderr}`).toContain('DATABRIDGE_MASTER_KEY is not set');
    }
    expect(await fx.withWorkspace(({ store }) => store.listConnections())).toHaveLength(1);
  });
});

describe('databridge sandbox', () => {
  it('prints ready-to-paste export lines that point the CLI at it', async () => {
    const cli = fx.spawn(['sandbox', '--port', '0']);
    try {
      await cli.waitFor(/Press Ctrl-C to stop\./);
      const issuer = /Visma Connect issuer: +(\S+)/.exec(cli.stdout)?.[1];
      expect(cli.stdout).toContain(`  export DATABRIDGE_VISMA_ISSUER=${issuer}\n`);
      for (const name of [
        'DATABRIDGE_VISMA_CLIENT_ID=isv_databridge',
        'DATABRIDGE_VISMA_CLIENT_SECRET=databridge-sandbox-secret',
        'DATABRIDGE_VISMA_API_URL=http://127.0.0.1:',
        'DATABRIDGE_VISMA_SERVICE_CLIENT_ID=isv_databridge_service',
        'DATABRIDGE_SUPEROFFICE_CLIENT_ID=databridge-superoffice',
        'DATABRIDGE_SUPEROFFICE_ENVIRONMENT=http://127.0.0.1:',
      ])
        expect(cli.stdout).toContain(`  export ${name}`);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect((await cli.exited).code).toBe(0);
  });
});
