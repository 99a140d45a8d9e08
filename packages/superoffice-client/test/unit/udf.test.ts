import { describe, expect, it } from 'vitest';
import { isSuperOfficeError } from '../../src/errors/superoffice-error.js';
import {
  decodeUdf,
  encodeUdf,
  readCustomField,
  type UdfValue,
  withCustomField,
  writableCustomFields,
} from '../../src/resources/index.js';

/** A small deterministic PRNG, so the property-style cases are reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const next = random(42);
const int = (min: number, max: number) => Math.floor(next() * (max - min + 1)) + min;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function roundTrips(value: UdfValue): void {
  const encoded = encodeUdf(value);
  expect(decodeUdf(encoded, value.type)).toStrictEqual(value);
}

describe('UDF encoding matches the documented examples (§11)', () => {
  it.each([
    [{ type: 'int', value: 123 }, '[I:123]'],
    [{ type: 'float', value: 123.4 }, '[F:123.4]'],
    [{ type: 'money', value: 123.45 }, '[M:123.45]'],
    [{ type: 'date', value: '2017-09-11' }, '[D:09.11.2017]'],
    [{ type: 'datetime', value: '2017-11-09T14:53:18' }, '[DT:11/09/2017 14:53:18]'],
    [{ type: 'time', value: '14:52' }, '[T:14:52]'],
    [{ type: 'bool', value: true }, '[I:1]'],
    [{ type: 'bool', value: false }, '[I:0]'],
    [{ type: 'text', value: 'Testing' }, 'Testing'],
    [{ type: 'binary', value: new Uint8Array([1, 2, 255]) }, '[B:AQL/]'],
  ] as const)('%o → %s', (value, encoded) => {
    expect(encodeUdf(value)).toBe(encoded);
    expect(decodeUdf(encoded, value.type)).toStrictEqual(value);
  });

  it('decodes by prefix when no type is given', () => {
    expect(decodeUdf('[I:42]')).toStrictEqual({ type: 'int', value: 42 });
    expect(decodeUdf('[F:-1.5]')).toStrictEqual({ type: 'float', value: -1.5 });
    expect(decodeUdf('[M:10]')).toStrictEqual({ type: 'money', value: 10 });
    expect(decodeUdf('[D:09.11.2017]')).toStrictEqual({ type: 'date', value: '2017-09-11' });
    expect(decodeUdf('[T:08:05]')).toStrictEqual({ type: 'time', value: '08:05' });
    expect(decodeUdf('plain')).toStrictEqual({ type: 'text', value: 'plain' });
    expect(decodeUdf('')).toStrictEqual({ type: 'text', value: '' });
  });

  it('reads lenient forms: comma decimals, ISO dates, missing seconds', () => {
    expect(decodeUdf('[F:1,5]')).toStrictEqual({ type: 'float', value: 1.5 });
    expect(decodeUdf('[D:2017-09-11]')).toStrictEqual({ type: 'date', value: '2017-09-11' });
    expect(decodeUdf('[DT:11/09/2017 14:53]')).toStrictEqual({
      type: 'datetime',
      value: '2017-11-09T14:53:00',
    });
    expect(decodeUdf('[DT:11/09/2017 14:53:18.1234567]')).toStrictEqual({
      type: 'datetime',
      value: '2017-11-09T14:53:18',
    });
  });

  it('empty values decode to null when a type is expected', () => {
    expect(decodeUdf('', 'int')).toBeNull();
    expect(decodeUdf('[I:]')).toBeNull();
    expect(encodeUdf(null)).toBe('');
  });
});

describe('UDF round trips (property style)', () => {
  it('int: 300 random safe integers, negatives, extremes', () => {
    for (const value of [0, -1, 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])
      roundTrips({ type: 'int', value });
    for (let i = 0; i < 300; i++) roundTrips({ type: 'int', value: int(-2_000_000_000, 2_000_000_000) });
  });

  it('float and money: 300 random finite numbers each, including tiny and huge', () => {
    for (const value of [0.1, -0.5, 1e-7, 1.5e300, -123.456, 5e-324]) {
      roundTrips({ type: 'float', value });
      roundTrips({ type: 'money', value });
    }
    for (let i = 0; i < 300; i++) {
      const value = (next() - 0.5) * 10 ** int(-5, 12);
      roundTrips({ type: 'float', value });
      roundTrips({ type: 'money', value: Math.round(value * 100) / 100 + 0 });
    }
  });

  it('date, datetime and time: 300 random valid values', () => {
    for (let i = 0; i < 300; i++) {
      const day = new Date(
        Date.UTC(int(1900, 2100), int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59)),
      );
      const iso = day.toISOString().slice(0, 19);
      roundTrips({ type: 'date', value: iso.slice(0, 10) });
      roundTrips({ type: 'datetime', value: iso });
      roundTrips({ type: 'time', value: `${pad(int(0, 23))}:${pad(int(0, 59))}` });
    }
    roundTrips({ type: 'date', value: '2024-02-29' });
  });

  it('text: unicode, brackets, empty', () => {
    for (const value of [
      '',
      'æøå ÆØÅ',
      '日本語テキスト',
      '🙂 emoji',
      '[not encoded',
      'a]b',
      '  spaced  ',
      'line\nbreak',
    ]) {
      roundTrips({ type: 'text', value });
      expect(decodeUdf(encodeUdf({ type: 'text', value }))).toStrictEqual({ type: 'text', value });
    }
  });

  it('binary: random byte arrays incl. empty-looking and unicode bytes', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = new Uint8Array(int(1, 64)).map(() => int(0, 255));
      roundTrips({ type: 'binary', value: bytes });
    }
    roundTrips({ type: 'binary', value: new TextEncoder().encode('æøå 🙂') });
  });

  it('bool both ways', () => {
    roundTrips({ type: 'bool', value: true });
    roundTrips({ type: 'bool', value: false });
  });

  it('encodes a Date by its UTC parts', () => {
    expect(encodeUdf({ type: 'date', value: new Date('2017-09-11T23:30:00Z') })).toBe('[D:09.11.2017]');
    expect(encodeUdf({ type: 'datetime', value: new Date('2017-11-09T14:53:18.900Z') })).toBe(
      '[DT:11/09/2017 14:53:18]',
    );
  });
});

describe('UDF errors', () => {
  it.each([
    [{ type: 'int', value: 1.5 }, 'UDF int value 1.5'],
    [{ type: 'float', value: Number.NaN }, 'UDF float value'],
    [{ type: 'date', value: '2017-02-30' }, 'UDF date value "2017-02-30"'],
    [{ type: 'time', value: '25:00' }, 'UDF time value "25:00"'],
    [{ type: 'text', value: '[I:3]' }, 'looks like an encoded value'],
  ] as const)('refuses to encode %o', (value, message) => {
    let caught: unknown;
    try {
      encodeUdf(value);
    } catch (error) {
      caught = error;
    }
    expect(isSuperOfficeError(caught, 'validation')).toBe(true);
    expect((caught as Error).message).toContain(message);
  });

  it.each([
    ['[I:abc]', undefined, 'is not an integer'],
    ['[I:2]', 'bool', 'is not 0 or 1'],
    ['[F:1.5]', 'int', 'has prefix F, expected I'],
    ['[D:13.40.2017]', undefined, 'is not a date'],
    ['hello', 'int', 'is not an encoded int value'],
  ] as const)('refuses to decode %s as %s', (raw, type, message) => {
    let caught: unknown;
    try {
      decodeUdf(raw, type);
    } catch (error) {
      caught = error;
    }
    expect(isSuperOfficeError(caught, 'protocol')).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});

describe('CustomFields helpers', () => {
  const record = {
    CustomFields: {
      'SuperOffice:1': 'Testing',
      'SuperOffice:2': '[I:42]',
      'SuperOffice:3': '[I:1]',
      'SuperOffice:3:DisplayText': 'Yes',
      'SuperOffice:2:org': '[I:41]',
      x_empty: null,
    },
  };

  it('reads a UDF by ProgId, typed', () => {
    expect(readCustomField(record, 'SuperOffice:2')).toStrictEqual({ type: 'int', value: 42 });
    expect(readCustomField(record, 'SuperOffice:3', 'bool')).toStrictEqual({ type: 'bool', value: true });
    expect(readCustomField(record, 'SuperOffice:9')).toBeUndefined();
    expect(readCustomField(record, 'x_empty')).toBeNull();
    expect(readCustomField({}, 'SuperOffice:1')).toBeUndefined();
  });

  it('writes a UDF by ProgId, dropping read-only companions', () => {
    expect(withCustomField(record.CustomFields, 'SuperOffice:2', { type: 'int', value: 43 })).toStrictEqual({
      'SuperOffice:1': 'Testing',
      'SuperOffice:2': '[I:43]',
      'SuperOffice:3': '[I:1]',
    });
    expect(writableCustomFields(undefined)).toStrictEqual({});
    expect(() => withCustomField({}, 'SuperOffice:1:DisplayText', null)).toThrow('not a writable ProgId');
  });
});
