import { describe, expect, it } from 'vitest';
import {
  compileMapping,
  type FieldSpec,
  interpretMapping,
  type MappingContext,
  type MappingResult,
  type MappingSpec,
  type Transform,
  type ValueRule,
  validateMappingSpec,
} from '../../src/mapping/index.js';

/** Maps `record` with a one-field spec through the compiled engine, checking the interpreter agrees. */
function run(
  rule: ValueRule,
  pipe: Transform[],
  record: unknown,
  context: MappingContext = {},
): MappingResult {
  const spec: MappingSpec = { version: 1, fields: [{ target: 'out', rule, pipe }] };
  const compiled = compileMapping(spec)(record, context);
  expect(interpretMapping(spec, record, context)).toEqual(compiled);
  return compiled;
}

/** The mapped `out` value (fails the test when the record was not mapped). */
function value(rule: ValueRule, pipe: Transform[], record: unknown, context?: MappingContext): unknown {
  const result = run(rule, pipe, record, context);
  if (result.status !== 'mapped') throw new Error(`not mapped: ${JSON.stringify(result)}`);
  return result.output.out;
}

const copy = (from: string): ValueRule => ({ kind: 'copy', from });

describe('value rules', () => {
  it('copies nested paths, array indexes and quoted keys', () => {
    const record = { a: { b: [{ c: 'x' }] }, CustomFields: { 'SuperOffice:1': '[I:42]' } };
    expect(value(copy('a.b[0].c'), [], record)).toBe('x');
    expect(value(copy('CustomFields["SuperOffice:1"]'), [], record)).toBe('[I:42]');
    expect(value(copy('a.b[3].c'), [], record)).toBeUndefined();
    expect(value(copy('a.b.c.d.e'), [], record)).toBeUndefined();
  });

  it('leaves missing and null values out of the output, keeps empty strings', () => {
    expect(run(copy('x'), [], {})).toEqual({ status: 'mapped', output: {} });
    expect(run(copy('x'), [], { x: null })).toEqual({ status: 'mapped', output: {} });
    expect(run(copy('x'), [], { x: '' })).toEqual({ status: 'mapped', output: { out: '' } });
  });

  it('constant and default', () => {
    expect(value({ kind: 'constant', value: 7 }, [], {})).toBe(7);
    expect(value(copy('x'), [{ op: 'default', value: 'n/a' }], {})).toBe('n/a');
    expect(value(copy('x'), [{ op: 'default', value: 'n/a' }], { x: '  ' })).toBe('n/a');
    expect(value(copy('x'), [{ op: 'default', value: 'n/a' }], { x: 'ok' })).toBe('ok');
  });

  it('first takes the first non-empty path', () => {
    const rule: ValueRule = { kind: 'first', from: ['a', 'b', 'c'] };
    expect(value(rule, [], { a: ' ', b: null, c: 'three' })).toBe('three');
    expect(value(rule, [], { a: 0, c: 'three' })).toBe(0);
    expect(value(rule, [], {})).toBeUndefined();
  });

  it('concat joins non-empty parts and literals', () => {
    const rule: ValueRule = { kind: 'concat', from: [{ text: 'Invoice' }, 'a', 'b', 'c'], separator: ' – ' };
    expect(value(rule, [], { a: 'Ærø', b: '', c: 12 })).toBe('Invoice – Ærø – 12');
    expect(value({ kind: 'concat', from: ['a'], separator: ',' }, [], {})).toBeUndefined();
  });
});

describe('text steps', () => {
  it('trims, changes case and capitalizes unicode text', () => {
    expect(value(copy('x'), [{ op: 'trim' }], { x: '\u00a0 Ørsta  ' })).toBe('Ørsta');
    expect(value(copy('x'), [{ op: 'upper' }], { x: 'straße ølen' })).toBe('STRASSE ØLEN');
    expect(value(copy('x'), [{ op: 'lower' }], { x: 'ÅSE' })).toBe('åse');
    expect(value(copy('x'), [{ op: 'capitalize' }], { x: 'ærlig talt' })).toBe('Ærlig talt');
    expect(value(copy('x'), [{ op: 'capitalize', words: true }], { x: 'ola NORDMANN-østby' })).toBe(
      'Ola Nordmann-Østby',
    );
    expect(value(copy('x'), [{ op: 'capitalize' }], { x: '😀smile' })).toBe('😀smile');
    expect(value(copy('x'), [{ op: 'upper' }], { x: 12 })).toBe('12');
  });

  it('reports an object where text was expected', () => {
    expect(run(copy('x'), [{ op: 'trim' }], { x: { a: 1 } })).toEqual({
      status: 'failed',
      errors: [{ field: 'out', message: 'expected text, got an object' }],
    });
  });

  it('extracts and replaces with regexes', () => {
    expect(
      value(copy('x'), [{ op: 'regexExtract', pattern: '(\\d{4})\\s*(\\p{L}+)', flags: 'u', group: 2 }], {
        x: 'NO-0150 Oslo',
      }),
    ).toBe('Oslo');
    expect(
      value(copy('x'), [{ op: 'regexExtract', pattern: '(?<zip>\\d{4})', group: 'zip' }], { x: 'x 0150 y' }),
    ).toBe('0150');
    expect(value(copy('x'), [{ op: 'regexExtract', pattern: '\\d+' }], { x: 'none' })).toBeUndefined();
    expect(
      value(copy('x'), [{ op: 'regexReplace', pattern: '[\\s.]', replacement: '' }], { x: '912 345 678' }),
    ).toBe('912345678');
    expect(
      value(copy('x'), [{ op: 'regexReplace', pattern: '(\\w+) (\\w+)', replacement: '$2, $1' }], {
        x: 'Ola Nordmann',
      }),
    ).toBe('Nordmann, Ola');
  });
});

describe('numbers', () => {
  it('parses numbers in both decimal styles', () => {
    expect(value(copy('x'), [{ op: 'parseNumber', decimal: ',' }], { x: '1 234,50' })).toBe(1234.5);
    expect(value(copy('x'), [{ op: 'parseNumber', decimal: ',' }], { x: '1.234.567,5' })).toBe(1234567.5);
    expect(value(copy('x'), [{ op: 'parseNumber' }], { x: '1,234.5' })).toBe(1234.5);
    expect(value(copy('x'), [{ op: 'parseNumber' }], { x: -3 })).toBe(-3);
    expect(value(copy('x'), [{ op: 'parseNumber' }], { x: '' })).toBeUndefined();
  });

  it('reports text that is no number', () => {
    expect(run(copy('x'), [{ op: 'parseNumber' }], { x: '12abc' })).toEqual({
      status: 'failed',
      errors: [{ field: 'out', message: 'not a number: "12abc"' }],
    });
  });

  it('formats numbers', () => {
    expect(value(copy('x'), [{ op: 'formatNumber', decimals: 2, decimal: ',' }], { x: 1234.567 })).toBe(
      '1234,57',
    );
    expect(value(copy('x'), [{ op: 'formatNumber', decimals: 0 }], { x: '2.5' })).toBe('3');
  });
});

describe('dates and time zones', () => {
  it('reads offset-less ISO text in the given zone, across DST', () => {
    const parse = (x: string, timeZone: string): unknown =>
      value(
        copy('x'),
        [
          { op: 'parseDate', format: 'iso', timeZone },
          { op: 'formatDate', format: 'iso' },
        ],
        { x },
      );
    expect(parse('2024-01-15T12:00:00', 'Europe/Oslo')).toBe('2024-01-15T11:00:00.000Z');
    expect(parse('2024-07-15T12:00:00', 'Europe/Oslo')).toBe('2024-07-15T10:00:00.000Z');
    expect(parse('2024-07-15', 'America/New_York')).toBe('2024-07-15T04:00:00.000Z');
    expect(parse('2024-07-15T12:00:00+05:30', 'Europe/Oslo')).toBe('2024-07-15T06:30:00.000Z');
    // 02:30 does not exist on 31 March in Oslo: moved forward to 03:30 CEST (Temporal's "compatible").
    expect(parse('2024-03-31T02:30:00', 'Europe/Oslo')).toBe('2024-03-31T01:30:00.000Z');
    // 02:30 happens twice on 27 October: the earlier (CEST) one.
    expect(parse('2024-10-27T02:30:00', 'Europe/Oslo')).toBe('2024-10-27T00:30:00.000Z');
  });

  it('parses and formats patterns in a zone', () => {
    expect(
      value(
        copy('x'),
        [
          { op: 'parseDate', format: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Oslo' },
          { op: 'formatDate', format: 'yyyy-MM-dd HH:mm', timeZone: 'Asia/Tokyo' },
        ],
        { x: '31.12.2024 23:30' },
      ),
    ).toBe('2025-01-01 07:30');
    expect(
      value(copy('x'), [{ op: 'formatDate', format: 'dd.MM.yyyy', timeZone: 'Pacific/Auckland' }], {
        x: '2024-06-30T20:00:00Z',
      }),
    ).toBe('01.07.2024');
  });

  it('reports impossible dates and text in the wrong format', () => {
    expect(run(copy('x'), [{ op: 'parseDate', format: 'dd.MM.yyyy' }], { x: '31.02.2024' })).toMatchObject({
      status: 'failed',
      errors: [{ field: 'out', message: '"31.02.2024" does not match the date format dd.MM.yyyy' }],
    });
    expect(run(copy('x'), [{ op: 'parseDate', format: 'iso' }], { x: 'yesterday' })).toMatchObject({
      status: 'failed',
    });
  });
});

describe('map-list tables', () => {
  const table = { 'Key account': 'KEY', Customer: 'STD', '3': 'CAT3' };
  const mapList = (unmapped: 'error' | 'default' | 'skip_record', extra: object = {}): Transform => ({
    op: 'mapList',
    table,
    unmapped,
    ...extra,
  });

  it('maps known values, including numbers by their text', () => {
    expect(value(copy('x'), [mapList('error')], { x: 'Customer' })).toBe('STD');
    expect(value(copy('x'), [mapList('error')], { x: 3 })).toBe('CAT3');
    expect(value(copy('x'), [mapList('error', { ignoreCase: true })], { x: ' key ACCOUNT ' })).toBe('KEY');
    expect(value(copy('x'), [mapList('error', { reverse: true })], { x: 'KEY' })).toBe('Key account');
  });

  it('applies each unmapped policy', () => {
    expect(run(copy('x'), [mapList('error')], { x: 'Supplier' })).toEqual({
      status: 'failed',
      errors: [{ field: 'out', message: 'value "Supplier" is not in the value table' }],
    });
    expect(value(copy('x'), [mapList('default', { default: 'OTHER' })], { x: 'Supplier' })).toBe('OTHER');
    expect(run(copy('x'), [mapList('default')], { x: 'Supplier' })).toEqual({ status: 'mapped', output: {} });
    expect(run(copy('x'), [mapList('skip_record')], { x: 'Supplier' })).toEqual({
      status: 'skipped',
      skipped: 'out: value "Supplier" is not in the value table',
    });
  });

  it('leaves an empty value alone whatever the policy', () => {
    expect(run(copy('x'), [mapList('error')], {})).toEqual({ status: 'mapped', output: {} });
  });
});

describe('lookups', () => {
  const context: MappingContext = {
    lookups: {
      countryIso: new Map([
        ['norway', 'NO'],
        ['sverige', 'SE'],
      ]),
      plain: { Oslo: '0301' },
    },
  };

  it('reads a Map or a plain-object cache', () => {
    expect(
      value(
        copy('x'),
        [{ op: 'lookup', cache: 'countryIso', ignoreCase: true, unmapped: 'error' }],
        { x: ' Norway' },
        context,
      ),
    ).toBe('NO');
    expect(
      value(copy('x'), [{ op: 'lookup', cache: 'plain', unmapped: 'error' }], { x: 'Oslo' }, context),
    ).toBe('0301');
    expect(
      value(
        copy('x'),
        [{ op: 'lookup', cache: 'plain', unmapped: 'default', default: '?' }],
        { x: 'toString' },
        context,
      ),
    ).toBe('?');
  });

  it('applies the unmapped policy and names a missing cache', () => {
    expect(
      run(
        copy('x'),
        [{ op: 'lookup', cache: 'countryIso', unmapped: 'skip_record' }],
        { x: 'Danmark' },
        context,
      ),
    ).toEqual({
      status: 'skipped',
      skipped: 'out: value "Danmark" is not in lookup "countryIso"',
    });
    expect(run(copy('x'), [{ op: 'lookup', cache: 'nope', unmapped: 'error' }], { x: 'a' }, context)).toEqual(
      {
        status: 'failed',
        errors: [{ field: 'out', message: 'lookup cache "nope" was not provided' }],
      },
    );
  });
});

describe('records', () => {
  const fields: FieldSpec[] = [
    { target: 'name', rule: copy('Name'), required: true },
    { target: 'Emails[0].Value', rule: copy('mail') },
    { target: 'Emails[1].Value', rule: copy('mail2') },
    { target: 'mainAddress.postalCode', rule: copy('zip') },
    { target: 'onlyBack', rule: { kind: 'constant', value: 1 }, direction: 'target_to_source' },
  ];
  const spec: MappingSpec = {
    version: 1,
    skip: [
      { path: 'Deleted', is: 'equals', value: 1, reason: 'deleted' },
      { path: 'Name', is: 'matches', pattern: '^TEST' },
    ],
    fields,
  };
  const map = compileMapping(spec);

  it('builds nested objects and arrays in spec order', () => {
    const result = map({ zip: '0150', mail2: 'b@x.no', mail: 'a@x.no', Name: 'Acme' });
    expect(result).toEqual({
      status: 'mapped',
      output: {
        name: 'Acme',
        Emails: [{ Value: 'a@x.no' }, { Value: 'b@x.no' }],
        mainAddress: { postalCode: '0150' },
      },
    });
    if (result.status === 'mapped')
      expect(Object.keys(result.output)).toEqual(['name', 'Emails', 'mainAddress']);
  });

  it('gives the same output whatever the input key order', () => {
    const a = map({ Name: 'Acme', zip: '1', mail: 'm' });
    const b = map({ mail: 'm', zip: '1', Name: 'Acme' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('skips records by condition, with `1` equal to "1"', () => {
    expect(map({ Name: 'Acme', Deleted: '1' })).toEqual({ status: 'skipped', skipped: 'deleted' });
    expect(map({ Name: 'TEST company' })).toEqual({ status: 'skipped', skipped: 'Name is matches' });
  });

  it('collects every failed field', () => {
    const failing = compileMapping({
      version: 1,
      fields: [...fields, { target: 'n', rule: copy('n'), pipe: [{ op: 'parseNumber' }] }],
    });
    expect(failing({ n: 'x' })).toEqual({
      status: 'failed',
      errors: [
        { field: 'name', message: 'a value is required' },
        { field: 'n', message: 'not a number: "x"' },
      ],
    });
  });

  it('runs only the fields of the chosen direction', () => {
    const back = compileMapping(spec, { direction: 'target_to_source' })({ Name: 'Acme' });
    expect(back).toEqual({ status: 'mapped', output: { name: 'Acme', onlyBack: 1 } });
    expect(interpretMapping(spec, { Name: 'Acme' }, {}, 'target_to_source')).toEqual(back);
  });
});

describe('output never aliases the source record', () => {
  it('writing below a copied object (targets x and x.y) leaves the record untouched', () => {
    const record = { a: { obj: 1 } };
    const spec = validateMappingSpec({
      version: 1,
      fields: [
        { target: 'x', rule: { kind: 'copy', from: 'a' } },
        { target: 'x.y', rule: { kind: 'constant', value: 2 } },
      ],
    });
    for (const result of [compileMapping(spec)(record, {}), interpretMapping(spec, record, {})]) {
      expect(result).toEqual({ status: 'mapped', output: { x: { obj: 1, y: 2 } } });
    }
    expect(record).toEqual({ a: { obj: 1 } });
  });
});
