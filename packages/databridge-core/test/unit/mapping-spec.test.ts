import type { PersonWrite } from '@databridge/superoffice-client';
import type { CustomerCreate } from '@databridge/visma-client';
import { describe, expect, it } from 'vitest';
import {
  compileMapping,
  MappingSpecError,
  type MappingSpecIssue,
  mapping,
  parseMappingSpec,
  validateMappingSpec,
} from '../../src/mapping/index.js';

function issuesOf(run: () => unknown): readonly MappingSpecIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof MappingSpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a MappingSpecError');
}

const base = { version: 1, fields: [{ target: 'name', rule: { kind: 'copy', from: 'Name' } }] };

describe('spec validation', () => {
  it('names the path of an unknown rule', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        version: 1,
        fields: [...base.fields, { target: 'x', rule: { kind: 'guess', from: 'a' } }],
      }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toMatch(/^fields\[1\]\.rule/);
    expect(issues[0]?.message).toContain('unknown rule');
  });

  it('names the path of an unknown step', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        ...base,
        fields: [{ ...base.fields[0], pipe: [{ op: 'trim' }, { op: 'shout' }] }],
      }),
    );
    expect(issues[0]?.path).toMatch(/^fields\[0\]\.pipe\[1\]/);
    expect(issues[0]?.message).toContain('unknown step');
  });

  it('names the path of a bad path', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        version: 1,
        fields: [{ target: 'a..b', rule: { kind: 'first', from: ['ok', 'x[y]'] } }],
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['fields[0].target', 'fields[0].rule.from[1]']);
    expect(issues[0]?.message).toContain('bad path "a..b"');
  });

  it('refuses prototype keys in paths', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        version: 1,
        fields: [{ target: '__proto__.polluted', rule: { kind: 'constant', value: 1 } }],
      }),
    );
    expect(issues[0]).toMatchObject({
      path: 'fields[0].target',
      message: 'bad path "__proto__.polluted": "__proto__" is not allowed',
    });
  });

  it('names the path of a wrong type', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        version: 1,
        fields: [
          ...base.fields,
          ...base.fields,
          ...base.fields,
          { target: 'x', rule: { kind: 'concat', from: ['a'], separator: 3 } },
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'fields[3].rule.separator', message: expect.stringContaining('string') },
    ]);
  });

  it('checks regexes, time zones, policies and unknown keys', () => {
    const issues = issuesOf(() =>
      validateMappingSpec({
        version: 1,
        fields: [
          {
            target: 'x',
            rule: { kind: 'copy', from: 'a' },
            pipe: [
              { op: 'regexExtract', pattern: '(' },
              { op: 'parseDate', format: 'iso', timeZone: 'Mars/Olympus' },
              { op: 'mapList', table: {}, unmapped: 'ignore' },
            ],
            colour: 'blue',
          },
        ],
      }),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'fields[0]', // the unknown key "colour"
      'fields[0].pipe[0].pattern',
      'fields[0].pipe[1].timeZone',
      'fields[0].pipe[2].unmapped',
    ]);
    expect(issues.find((issue) => issue.path === 'fields[0].pipe[1].timeZone')?.message).toBe(
      'unknown time zone "Mars/Olympus"',
    );
  });

  it('compileMapping refuses an invalid spec', () => {
    expect(() =>
      compileMapping({ version: 1, fields: [{ target: '', rule: { kind: 'copy', from: 'a' } }] }),
    ).toThrow(MappingSpecError);
  });
});

describe('parseMappingSpec', () => {
  const yaml = [
    'version: 1', // 1
    'name: Contacts', // 2
    'fields:', // 3
    '  - target: name', // 4
    '    rule: { kind: copy, from: Name }', // 5
    '  - target: mainAddress.countryId', // 6
    '    rule:', // 7
    '      kind: copy', // 8
    '      from: Country..Name', // 9
    '    pipe:', // 10
    '      - op: lookup', // 11
    '        cache: countries', // 12
    '        unmapped: sometimes', // 13
  ].join('\n');

  it('names the path and the line of each problem in YAML', () => {
    const issues = issuesOf(() => parseMappingSpec(yaml, { fileName: 'contacts.yaml' }));
    expect(issues).toEqual([
      expect.objectContaining({ path: 'fields[1].rule.from', line: 9 }),
      expect.objectContaining({ path: 'fields[1].pipe[0].unmapped', line: 13 }),
    ]);
    expect(() => parseMappingSpec(yaml, { fileName: 'contacts.yaml' })).toThrow(
      /contacts\.yaml:9:\d+ fields\[1\]\.rule\.from/,
    );
  });

  it('names the line of a YAML syntax error', () => {
    const issues = issuesOf(() =>
      parseMappingSpec('version: 1\nfields:\n  - target: [unclosed\n', { format: 'yaml' }),
    );
    expect(issues[0]?.line).toBeGreaterThanOrEqual(3);
    expect(issues[0]?.message).toMatch(/^YAML syntax/);
  });

  it('names the line in JSON and of a missing field', () => {
    const json = '{\n  "version": 1,\n  "fields": [\n    { "target": "x" }\n  ]\n}';
    const issues = issuesOf(() => parseMappingSpec(json, { fileName: 'm.json' }));
    expect(issues).toEqual([expect.objectContaining({ path: 'fields[0].rule', line: 4 })]);
  });

  it('parses a valid file into the same spec the builder makes', () => {
    const text = [
      'version: 1',
      'name: Demo',
      'skip:',
      '  - { path: Deleted, is: equals, value: 1 }',
      'fields:',
      '  - target: name',
      '    required: true',
      '    rule: { kind: copy, from: Name }',
      '    pipe: [{ op: trim }, { op: capitalize, words: true }]',
      '  - target: customerClassId',
      '    rule: { kind: copy, from: Category.Value }',
      '    pipe:',
      '      - { op: mapList, table: { Customer: STD }, unmapped: default, default: STD }',
      '  - target: note',
      '    rule: { kind: concat, from: [a, { text: "-" }, b], separator: " " }',
    ].join('\n');
    const built = mapping({ name: 'Demo' })
      .skipWhen({ path: 'Deleted', is: 'equals', value: 1 })
      .field('name', { required: true })
      .copy('Name')
      .trim()
      .capitalize(true)
      .field('customerClassId')
      .copy('Category.Value')
      .mapList({ Customer: 'STD' }, { unmapped: 'default', default: 'STD' })
      .field('note')
      .concat(' ', 'a', { text: '-' }, 'b')
      .build();
    expect(parseMappingSpec(text)).toEqual(built);
    expect(validateMappingSpec(built)).toEqual(built);
  });
});

describe('typed builder', () => {
  it('checks target paths against the write type', () => {
    const spec = mapping<CustomerCreate>({ target: 'visma.customer' })
      .field('name')
      .copy('Name')
      .field('mainAddress.postalCode')
      .copy('Address.Postal.Zipcode')
      // @ts-expect-error: CustomerCreate has no `mainAddress.zip`
      .field('mainAddress.zip')
      .copy('x')
      .build();
    expect(spec.fields.map((field) => field.target)).toEqual([
      'name',
      'mainAddress.postalCode',
      'mainAddress.zip',
    ]);
    const person = mapping<PersonWrite>()
      .field('Emails[0].Value')
      .copy('email')
      .field('Contact.ContactId')
      .constant(1);
    expect(person.build().fields).toHaveLength(2);
  });

  it('reads tab-indented JSON with escapes', () => {
    const text =
      '{\n\t"version": 1,\n\t"fields": [\n\t\t{"target": "a", "rule": {"kind": "constant", "value": "x\\ty\\u00e6"}}\n\t]\n}';
    expect(parseMappingSpec(text, { format: 'json' }).fields[0]?.rule).toEqual({
      kind: 'constant',
      value: 'x\tyæ',
    });
  });
});
