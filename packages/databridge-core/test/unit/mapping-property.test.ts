import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileMapping,
  type FieldSpec,
  interpretMapping,
  type MappingContext,
  type MappingSpec,
  type Transform,
  type ValueRule,
} from '../../src/mapping/index.js';

const SOURCE_PATHS = [
  'a',
  'b',
  'c',
  'name',
  'nested.a',
  'nested.b',
  'list[0]',
  'list[1].v',
  'missing.deep.x',
];
// `x` next to `x.y` makes the engine fall back to its generic setter; the others use its write plan.
const TARGET_PATHS = ['out', 'x.y', 'arr[0].v', 'arr[1]', 'deep.er.est', 'deep.o', 'x'];

const scalar = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('', ' ', '  Ærø ', '1 234,5', '42', '2024-03-31T02:30:00', '31.12.2024', 'Customer', 'no'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.constant({ obj: 1 }) });
const record = fc.record(
  {
    a: value,
    b: value,
    c: value,
    name: value,
    nested: fc.option(fc.record({ a: value, b: value }, { requiredKeys: [] }), { nil: undefined }),
    list: fc.option(fc.tuple(value, fc.record({ v: value })), { nil: undefined }),
  },
  { requiredKeys: [] },
);

const path = fc.constantFrom(...SOURCE_PATHS);
const rule: fc.Arbitrary<ValueRule> = fc.oneof(
  path.map((from) => ({ kind: 'copy', from }) as const),
  scalar.map((v) => ({ kind: 'constant', value: v }) as const),
  fc.array(path, { minLength: 1, maxLength: 3 }).map((from) => ({ kind: 'first', from }) as const),
  fc
    .tuple(
      fc.array(
        fc.oneof(
          path,
          fc.string({ maxLength: 3 }).map((text) => ({ text })),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.constantFrom(' ', ', ', ''),
    )
    .map(([from, separator]) => ({ kind: 'concat', from, separator }) as const),
);
const policy = fc.constantFrom('error', 'default', 'skip_record') as fc.Arbitrary<
  'error' | 'default' | 'skip_record'
>;
const step: fc.Arbitrary<Transform> = fc.oneof(
  fc.constantFrom<Transform>(
    { op: 'trim' },
    { op: 'upper' },
    { op: 'lower' },
    { op: 'capitalize' },
    { op: 'capitalize', words: true },
    { op: 'parseNumber', decimal: ',' },
    { op: 'parseNumber' },
    { op: 'formatNumber', decimals: 1 },
    { op: 'regexExtract', pattern: '(\\d+)', group: 1 },
    { op: 'regexReplace', pattern: '\\s+', replacement: '_' },
    { op: 'parseDate', format: 'iso', timeZone: 'Europe/Oslo' },
    { op: 'parseDate', format: 'dd.MM.yyyy', timeZone: 'America/New_York' },
    { op: 'formatDate', format: 'yyyy-MM-dd HH:mm', timeZone: 'Asia/Kolkata' },
    { op: 'formatDate', format: 'iso' },
  ),
  scalar.map((v) => ({ op: 'default', value: v }) as const),
  fc.tuple(policy, fc.boolean(), fc.boolean()).map(
    ([unmapped, ignoreCase, reverse]) =>
      ({
        op: 'mapList',
        table: { Customer: 'STD', '42': 7, no: null, Ærø: 'island' },
        unmapped,
        ignoreCase,
        reverse,
        default: 'D',
      }) as const,
  ),
  fc
    .tuple(policy, fc.boolean())
    .map(([unmapped, ignoreCase]) => ({ op: 'lookup', cache: 'iso', unmapped, ignoreCase }) as const),
);
const field: fc.Arbitrary<FieldSpec> = fc.record(
  {
    target: fc.constantFrom(...TARGET_PATHS),
    rule,
    pipe: fc.array(step, { maxLength: 4 }),
    direction: fc.constantFrom('both', 'source_to_target', 'target_to_source') as fc.Arbitrary<
      FieldSpec['direction']
    >,
    required: fc.boolean(),
  },
  { requiredKeys: ['target', 'rule'] },
);
const spec: fc.Arbitrary<MappingSpec> = fc.record(
  {
    version: fc.constant(1 as const),
    skip: fc.array(
      fc.oneof(
        fc.record({ path, is: fc.constantFrom('empty', 'notEmpty') as fc.Arbitrary<'empty' | 'notEmpty'> }),
        fc.record({
          path,
          is: fc.constantFrom('equals', 'notEquals') as fc.Arbitrary<'equals' | 'notEquals'>,
          value: scalar,
        }),
        fc.record({ path, is: fc.constant('in' as const), values: fc.array(scalar, { maxLength: 3 }) }),
        fc.record({ path, is: fc.constant('matches' as const), pattern: fc.constantFrom('^\\d', 'æ', '^$') }),
      ),
      { maxLength: 2 },
    ),
    fields: fc.array(field, { maxLength: 8 }),
  },
  { requiredKeys: ['version', 'fields'] },
);
const context: MappingContext = {
  lookups: {
    iso: new Map<string, unknown>([
      ['customer', 'C'],
      ['42', 42],
      ['Ærø', 'DK'],
    ]),
  },
};

describe('compiled mapping equals the reference interpreter', () => {
  it('on generated specs and records, in both directions', () => {
    fc.assert(
      fc.property(spec, fc.array(record, { minLength: 1, maxLength: 5 }), (generated, records) => {
        for (const direction of ['source_to_target', 'target_to_source'] as const) {
          const compiled = compileMapping(generated, { direction });
          for (const input of records) {
            const expected = interpretMapping(generated, input, context, direction);
            const actual = compiled(input, context);
            expect(actual).toEqual(expected);
            // Key order too (toEqual ignores it): the output must not depend on how it was built.
            expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('with the codegen backend, on generated specs and records, in both directions', () => {
    fc.assert(
      fc.property(spec, fc.array(record, { minLength: 1, maxLength: 5 }), (generated, records) => {
        for (const direction of ['source_to_target', 'target_to_source'] as const) {
          const compiled = compileMapping(generated, { direction, backend: 'codegen' });
          for (const input of records) {
            const expected = interpretMapping(generated, input, context, direction);
            const actual = compiled(input, context);
            expect(actual).toEqual(expected);
            expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never calls Function with the default backend', () => {
    const original = globalThis.Function;
    let calls = 0;
    globalThis.Function = new Proxy(original, {
      apply: (target, self, args) => {
        calls++;
        return Reflect.apply(target, self, args);
      },
      construct: (target, args) => {
        calls++;
        return Reflect.construct(target, args);
      },
    });
    try {
      fc.assert(
        fc.property(spec, record, (generated, input) => {
          compileMapping(generated)(input, context);
        }),
        { numRuns: 50 },
      );
      expect(calls).toBe(0);
    } finally {
      globalThis.Function = original;
    }
    // The spy itself works: the codegen backend is seen.
    globalThis.Function = new Proxy(original, {
      construct: (target, args) => {
        calls++;
        return Reflect.construct(target, args);
      },
    });
    try {
      compileMapping(
        { version: 1, fields: [{ target: `spy${Date.now()}`, rule: { kind: 'constant', value: 1 } }] },
        { backend: 'codegen' },
      );
      expect(calls).toBe(1);
    } finally {
      globalThis.Function = original;
    }
  });

  it('gives the same result whatever the order of the record keys', () => {
    fc.assert(
      fc.property(spec, record, (generated, input) => {
        const reversed = Object.fromEntries(Object.entries(input).reverse());
        const compiled = compileMapping(generated);
        expect(JSON.stringify(compiled(reversed, context))).toBe(JSON.stringify(compiled(input, context)));
      }),
      { numRuns: 200 },
    );
  });
});
