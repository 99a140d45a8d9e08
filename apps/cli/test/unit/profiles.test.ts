import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '@databridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySets } from '../../src/commands/profiles.js';
import { EXIT_CODES, runCli } from '../../src/index.js';
import { ProfileFileError, parseProfileFile } from '../../src/profiles/profile-file.js';
import { PROFILE_TEMPLATES, profileYaml, templateProfile } from '../../src/profiles/templates.js';

const VALID = `name: Companies
source:
  connection: SuperOffice Nordlys
  entity: Contact
target: { connection: Visma Nordlys, entity: customer }
direction: source_to_target
mapping: superoffice-contact-to-visma-customer
matchingKeys: [corporateId, name+mainAddress.postalCode]
schedule: "0 * * * *"
options:
  pageSize: 10
`;

function problem(text: string, file = 'p.yaml'): ProfileFileError {
  try {
    parseProfileFile(text, file);
  } catch (error) {
    if (error instanceof ProfileFileError) return error;
    throw error;
  }
  throw new Error('expected a ProfileFileError');
}

describe('parseProfileFile', () => {
  it('reads a valid YAML profile', () => {
    expect(parseProfileFile(VALID, 'companies.yaml')).toEqual({
      name: 'Companies',
      source: { connection: 'SuperOffice Nordlys', entity: 'Contact' },
      target: { connection: 'Visma Nordlys', entity: 'customer' },
      direction: 'source_to_target',
      mapping: 'superoffice-contact-to-visma-customer',
      matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
      schedule: '0 * * * *',
      options: { pageSize: 10 },
    });
  });

  it('reads the same profile as JSON', () => {
    const json = JSON.stringify(parseProfileFile(VALID, 'a.yaml'), null, 2);
    expect(parseProfileFile(json, 'a.json')).toEqual(parseProfileFile(VALID, 'a.yaml'));
  });

  it('names the line of malformed YAML in one line', () => {
    const error = problem(
      'name: Companies\nsource: { connection: x, entity: Contact\ntarget: y\n',
      'bad.yaml',
    );
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/^bad\.yaml:\d+:\d+: YAML syntax: /);
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(error.exitCode).toBe(EXIT_CODES.needsAction);
  });

  it('names the line of a JSON syntax error', () => {
    const error = problem('{\n  "name": "Companies",\n  "source": {,\n}', 'bad.json');
    expect(error.message).toMatch(/^bad\.json:3:\d+: JSON syntax: /);
  });

  it('names an unknown ready-made mapping with its line and the ones that exist', () => {
    const error = problem(VALID.replace('superoffice-contact-to-visma-customer', 'superoffice-to-visma'));
    expect(error.message).toMatch(
      /^p\.yaml:7:1 mapping: no ready-made mapping is called "superoffice-to-visma"/,
    );
    expect(error.message).toContain('superoffice-contact-to-visma-customer');
  });

  it('names a bad option and an unknown option at their lines', () => {
    const error = problem(VALID.replace('  pageSize: 10', '  pageSize: 0\n  pageSise: 5'));
    expect(error.issues.map((i) => [i.path, i.line])).toEqual([
      ['options.pageSize', 11],
      ['options', 12],
    ]);
    expect(error.message).toContain('p.yaml:11:3 options.pageSize:');
    expect(error.message).toContain('p.yaml:12:3 options: Unrecognized key: "pageSise"');
  });

  it('names every missing field', () => {
    const error = problem('mapping: superoffice-contact-to-visma-customer\n');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['name', 'source', 'target']);
    expect(error.message).toMatch(/^p\.yaml is not a valid profile:\n/);
  });

  it('checks an inline mapping spec, the direction, matching keys, schedule and unknown fields', () => {
    const text = `name: X
source: { connection: a, entity: Contact, extra: 1 }
target: { connection: b, entity: customer }
direction: sideways
mapping:
  version: 1
  fields:
    - target: name
      rule: { kind: nope }
matchingKeys: ["name..x"]
schedule: every hour
colour: blue
`;
    const paths = problem(text).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['source.extra', 'direction', 'schedule', 'colour', 'matchingKeys[0]']),
    );
    expect(paths.some((p) => p.startsWith('mapping'))).toBe(true);
  });

  it('accepts a two-way profile with a ready-made and an inline mapping', () => {
    const text = `name: Both ways
source: { connection: a, entity: Contact }
target: { connection: b, entity: customer }
direction: two_way
mapping:
  sourceToTarget: superoffice-contact-to-visma-customer
  targetToSource:
    version: 1
    name: ERP-owned fields
    source: visma.customer
    target: superoffice.contact
    fields: [{ target: Number1, rule: { kind: copy, from: number } }]
matchingKeys: [corporateId]
options: { reverseMode: update_only }
`;
    expect(parseProfileFile(text, 'two.yaml').direction).toBe('two_way');
  });

  it('every template is a valid profile file', () => {
    for (const template of PROFILE_TEMPLATES) {
      const yaml = profileYaml(templateProfile(template, { visma: 'V', superoffice: 'S' }), template.title);
      expect(parseProfileFile(yaml, `${template.mapping}.yaml`).mapping).toBe(template.mapping);
    }
  });
});

describe('applySets', () => {
  const profile = {
    id: 'p1',
    name: 'Companies',
    source: { connectionId: 's', entity: 'Contact' },
    target: { connectionId: 't', entity: 'customer' },
    direction: 'source_to_target' as const,
    mapping: 'superoffice-contact-to-visma-customer',
    matchingKeys: ['corporateId'],
    options: { pageSize: 10 },
    createdAt: '',
    updatedAt: '',
  };

  it('sets name, schedule and nested options', () => {
    expect(applySets(profile, ['name=Firms', 'schedule=*/5 * * * *', 'options.retry.attempts=3'])).toEqual({
      name: 'Firms',
      schedule: '*/5 * * * *',
      options: { pageSize: 10, retry: { attempts: 3 } },
    });
    expect(applySets(profile, ['schedule='])).toEqual({ schedule: null });
  });

  it('refuses unknown keys, bad schedules and invalid options', () => {
    expect(() => applySets(profile, ['mapping=x'])).toThrow(/cannot set "mapping"/);
    expect(() => applySets(profile, ['schedule=often'])).toThrow(/schedule/);
    expect(() => applySets(profile, ['options.pageSize=0'])).toThrow(/options\.pageSize/);
  });
});

describe('databridge profiles (in-process)', () => {
  let home: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    log: (line: string) => out.push(line),
    error: (line: string) => err.push(line),
    isTTY: false,
    env: { DATABRIDGE_HOME: home },
  });
  const cli = (...args: string[]) => runCli(args, io());
  const file = (name: string, text: string) => {
    const path = join(home, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'databridge-cli-profiles-'));
    out = [];
    err = [];
    const ws = await openWorkspace({ home, env: {} });
    await ws.store.createConnection({
      system: 'superoffice',
      name: 'SuperOffice Nordlys',
      tenantId: 'Cust12345',
    });
    await ws.store.createConnection({ system: 'visma', name: 'Visma Nordlys', tenantId: 'company-1' });
    await ws.close();
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const listed = async () => {
    out = [];
    expect(await cli('profiles', 'list', '--json')).toBe(0);
    return JSON.parse(out.join('\n')) as {
      name: string;
      schedule?: string;
      options: object;
      health: string;
    }[];
  };

  it('validates a file offline', async () => {
    expect(
      await cli('profiles', 'validate', file('ok.yaml', VALID.replace('Visma Nordlys', 'Nowhere'))),
    ).toBe(0);
    expect(out.join('\n')).toContain('profile "Companies" is valid');
    expect(await cli('profiles', 'validate', file('bad.yaml', 'name: [x\n'))).toBe(EXIT_CODES.needsAction);
    expect(err).toEqual([expect.stringMatching(/^databridge: .*bad\.yaml:\d+:\d+: YAML syntax/)]);
  });

  it('adds, lists, shows, edits and removes a profile', async () => {
    expect(await cli('profiles', 'add', '--file', file('c.yaml', VALID))).toBe(0);
    expect(out[0]).toMatch(/^Added profile "Companies" \(/);
    expect(await listed()).toEqual([
      expect.objectContaining({ name: 'Companies', schedule: '0 * * * *', health: 'ok' }),
    ]);

    // show prints a profile file that validates and round-trips
    out = [];
    expect(await cli('profiles', 'show', 'companies')).toBe(0);
    const shown = file('shown.yaml', out.join('\n'));
    expect(parseProfileFile(out.join('\n'), 'shown.yaml')).toEqual(parseProfileFile(VALID, 'c.yaml'));

    expect(
      await cli('profiles', 'edit', 'Companies', '--set', 'options.pageSize=50', '--set', 'schedule='),
    ).toBe(0);
    const [edited] = await listed();
    expect(edited?.options).toEqual({ pageSize: 50 });
    expect(edited?.schedule).toBeUndefined();
    expect(await cli('profiles', 'edit', 'Companies', '--file', shown)).toBe(0);
    expect((await listed())[0]?.options).toEqual({ pageSize: 10 });

    // a second profile of the same name is refused
    err = [];
    expect(await cli('profiles', 'add', '--file', file('c2.yaml', VALID))).toBe(EXIT_CODES.needsAction);
    expect(err[0]).toContain('already exists');

    err = [];
    expect(await cli('profiles', 'rm', 'Companies')).toBe(EXIT_CODES.needsAction);
    expect(err[0]).toContain('--yes');
    expect(await cli('profiles', 'rm', 'Companies', '--yes')).toBe(0);
    expect(await listed()).toEqual([]);
  });

  it('refuses unknown connections, unknown profiles and invalid edits, changing nothing', async () => {
    const unknown = VALID.replace('SuperOffice Nordlys', 'SO Somewhere').replace(
      'Visma Nordlys',
      'Visma Elsewhere',
    );
    expect(await cli('profiles', 'add', '--file', file('u.yaml', unknown))).toBe(EXIT_CODES.needsAction);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('No connection "SO Somewhere" or "Visma Elsewhere"');
    expect(err[0]).toContain('"Visma Nordlys" (visma)');
    expect(await listed()).toEqual([]);

    err = [];
    expect(
      await cli('profiles', 'add', '--file', file('m.yaml', VALID.replace('pageSize: 10', 'pageSize: -1'))),
    ).toBe(EXIT_CODES.needsAction);
    expect(err[0]).toContain('m.yaml:11:3 options.pageSize');
    expect(await listed()).toEqual([]);

    await cli('profiles', 'add', '--file', file('c.yaml', VALID));
    err = [];
    expect(await cli('profiles', 'show', 'Nope')).toBe(EXIT_CODES.needsAction);
    expect(err).toEqual(['databridge: No profile "Nope"; profiles: "Companies".']);
    err = [];
    expect(await cli('profiles', 'edit', 'Companies', '--set', 'options.mode=sideways')).toBe(
      EXIT_CODES.needsAction,
    );
    expect(err.join('\n')).toContain('options.mode');
    expect((await listed())[0]?.options).toEqual({ pageSize: 10 });
  });

  it('run stops before any call when a connection needs sign-in: exit 2 with the remedy, kept in runs', async () => {
    await cli('profiles', 'add', '--file', file('c.yaml', VALID));
    const ws = await openWorkspace({ home, env: {} });
    const visma = (await ws.store.listConnections()).find((c) => c.system === 'visma');
    await ws.store.updateConnection(visma?.id ?? '', {
      health: 'needs_reauth',
      lastError: { kind: 'reauth_required', message: 'revoked', remedy: 'Reconnect Visma Nordlys.', at: '' },
    });
    await ws.close();
    out = [];
    err = [];
    // On a terminal (progress bar on stderr) and off it.
    expect(await runCli(['run', 'Companies'], { ...io(), isTTY: true })).toBe(EXIT_CODES.needsAction);
    expect(await cli('run', 'Companies')).toBe(EXIT_CODES.needsAction);
    expect(out.join('\n')).toContain('Run of "Companies": failed, 0 seen, 0 API calls');
    expect(out.join('\n')).toMatch(/Remedy +│ Reconnect Visma Nordlys\./);
    expect(err.at(-1)).toContain('Reconnect Visma Nordlys.');
    out = [];
    expect(await cli('runs', '--json')).toBe(0);
    const listed = JSON.parse(out.join('\n')) as { state: string; error: { kind: string } }[];
    expect(listed.map((r) => [r.state, r.error.kind])).toEqual([
      ['failed', 'reauth_required'],
      ['failed', 'reauth_required'],
    ]);
    out = [];
    expect(await cli('logs', 'Companies')).toBe(0);
    expect(out.join('\n')).toContain(
      'Stopped: reauth_required: Connection "Visma Nordlys" needs a new sign-in',
    );
  });

  it('asks for --file when not on a terminal', async () => {
    expect(await cli('profiles', 'add')).toBe(EXIT_CODES.needsAction);
    expect(err[0]).toContain('--file');
  });

  it('prints templates for the ready-made mappings', async () => {
    expect(
      await cli('profiles', 'template', 'superoffice-contact-to-visma-customer', '--visma', 'Visma Nordlys'),
    ).toBe(0);
    expect(parseProfileFile(out.join('\n'), 't.yaml').target.connection).toBe('Visma Nordlys');
    err = [];
    expect(await cli('profiles', 'template', 'nope')).toBe(EXIT_CODES.needsAction);
    expect(err[0]).toContain('superoffice-contact-to-visma-customer');
  });
});

describe('run, runs and logs: argument checks', () => {
  const err: string[] = [];
  const io = { log: () => {}, error: (line: string) => err.push(line), isTTY: false, env: {} };

  it('refuses a --limit that is not a positive whole number', async () => {
    for (const limit of ['0', '-3', '2.5', 'ten']) {
      err.length = 0;
      expect(await runCli(['run', 'Companies', '--limit', limit], io)).toBe(EXIT_CODES.needsAction);
      expect(err.join('\n')).toContain("argument '");
      expect(err.join('\n')).toContain('must be a positive whole number');
    }
  });

  it('refuses an unknown --kind, naming the kinds', async () => {
    err.length = 0;
    expect(await runCli(['logs', 'abc', '--kind', 'oops'], io)).toBe(EXIT_CODES.needsAction);
    expect(err.join('\n')).toContain('reauth_required');
  });

  it('has help with examples on every command', async () => {
    for (const args of [
      ['run'],
      ['runs'],
      ['logs'],
      ['profiles'],
      ['profiles', 'add'],
      ['profiles', 'list'],
      ['profiles', 'show'],
      ['profiles', 'edit'],
      ['profiles', 'rm'],
      ['profiles', 'validate'],
    ]) {
      const lines: string[] = [];
      expect(await runCli([...args, '--help'], { log: (l) => lines.push(l), env: {} })).toBe(0);
      expect(lines.join('\n'), args.join(' ')).toMatch(/Examples?:\n {2}\$ databridge /);
    }
  });
});
