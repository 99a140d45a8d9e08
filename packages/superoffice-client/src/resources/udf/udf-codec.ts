import { SuperOfficeError } from '../../errors/superoffice-error.js';
import { validationError } from '../shared/errors.js';
import {
  decodeDatePart,
  decodeDateTimePart,
  encodeDatePart,
  encodeDateTimePart,
  isTime,
  utcDateTime,
} from './udf-dates.js';
import { UDF_PREFIXES, type UdfType, type UdfValue } from './udf-types.js';

const ENCODED = /^\[(I|F|D|DT|M|T|B):(.*)\]$/s;

/** What {@link encodeUdf} accepts: a {@link UdfValue}, where dates may also be given as a `Date` (UTC parts). */
export type UdfInput =
  | UdfValue
  | {
      /** `date` or `datetime`. */
      readonly type: 'date' | 'datetime';
      /** Its UTC calendar date (and time) is encoded. */
      readonly value: Date;
    };

/**
 * Encodes a typed value as SuperOffice stores it in `CustomFields` (superoffice.md §11): `[I:12]`, `[F:1.5]`,
 * `[M:12.5]`, `[D:09.11.2017]`, `[DT:11/09/2017 14:53:18]`, `[T:14:52]`, `[B:base64]`, booleans as `[I:1]`/`[I:0]`,
 * text unencoded. `null` encodes as `''` (an empty field). Invalid input is a `validation` error naming the type.
 *
 * @example
 * ```ts
 * encodeUdf({ type: 'int', value: 42 }); // '[I:42]'
 * encodeUdf({ type: 'date', value: '2017-09-11' }); // '[D:09.11.2017]'
 * ```
 */
export function encodeUdf(input: UdfInput | null): string {
  if (input === null) return '';
  switch (input.type) {
    case 'text':
      if (ENCODED.test(input.value)) {
        throw validationError(
          `UDF text ${JSON.stringify(input.value)} looks like an encoded value and would not read back as text`,
        );
      }
      return input.value;
    case 'int':
      if (!Number.isSafeInteger(input.value)) throw invalid('int', input.value);
      return `[I:${input.value}]`;
    case 'float':
    case 'money':
      if (!Number.isFinite(input.value)) throw invalid(input.type, input.value);
      return `[${UDF_PREFIXES[input.type]}:${formatNumber(input.value)}]`;
    case 'bool':
      return input.value ? '[I:1]' : '[I:0]';
    case 'date':
      return `[D:${encodeDate(input.value)}]`;
    case 'datetime':
      return `[DT:${encodeDateTime(input.value)}]`;
    case 'time':
      if (!isTime(input.value)) throw invalid('time', input.value);
      return `[T:${input.value}]`;
    case 'binary':
      return `[B:${Buffer.from(input.value).toString('base64')}]`;
  }
}

/**
 * Decodes a `CustomFields` string. Without `expected`, the prefix decides (`[I:1]` is an `int`, unprefixed text is
 * `text`); with it (from the UDF layout), the value must have that type: `bool` reads `[I:0]`/`[I:1]`, `text`
 * returns the string as-is. `''` and an empty payload (`[I:]`) decode to `null`. Unreadable values are `protocol`
 * errors naming the value.
 *
 * @example
 * ```ts
 * decodeUdf('[F:1.5]'); // { type: 'float', value: 1.5 }
 * decodeUdf('[I:1]', 'bool'); // { type: 'bool', value: true }
 * ```
 */
export function decodeUdf(raw: string, expected?: UdfType): UdfValue | null {
  if (expected === 'text') return { type: 'text', value: raw };
  if (raw === '') return expected === undefined ? { type: 'text', value: '' } : null;
  const match = ENCODED.exec(raw);
  if (!match) {
    if (expected === undefined) return { type: 'text', value: raw };
    throw undecodable(raw, `is not an encoded ${expected} value`);
  }
  const prefix = match[1] ?? '';
  const payload = match[2] ?? '';
  const type = expected ?? typeOfPrefix(prefix);
  if (UDF_PREFIXES[type] !== prefix)
    throw undecodable(raw, `has prefix ${prefix}, expected ${UDF_PREFIXES[type]}`);
  if (payload === '') return null;
  return decodePayload(type, payload, raw);
}

function decodePayload(type: Exclude<UdfType, 'text'>, payload: string, raw: string): UdfValue {
  switch (type) {
    case 'int': {
      const value = /^-?\d+$/.test(payload) ? Number(payload) : Number.NaN;
      if (!Number.isSafeInteger(value)) throw undecodable(raw, 'is not an integer');
      return { type, value };
    }
    case 'bool':
      if (payload !== '0' && payload !== '1') throw undecodable(raw, 'is not 0 or 1');
      return { type, value: payload === '1' };
    case 'float':
    case 'money':
      return { type, value: parseDecimal(payload, raw) };
    case 'date': {
      const value = decodeDatePart(payload);
      if (value === undefined) throw undecodable(raw, 'is not a date (MM.dd.yyyy)');
      return { type, value };
    }
    case 'datetime': {
      const value = decodeDateTimePart(payload);
      if (value === undefined) throw undecodable(raw, 'is not a date-time (MM/dd/yyyy HH:mm:ss)');
      return { type, value };
    }
    case 'time':
      if (!isTime(payload)) throw undecodable(raw, 'is not a time (HH:mm)');
      return { type, value: payload };
    case 'binary':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw undecodable(raw, 'is not base64');
      return { type, value: new Uint8Array(Buffer.from(payload, 'base64')) };
  }
}

/** Reads `1.5`; a lone `,` is accepted as the decimal separator (`1,5`), grouping is refused. */
function parseDecimal(payload: string, raw: string): number {
  const normalised =
    !payload.includes('.') && /^-?\d+,\d+$/.test(payload) ? payload.replace(',', '.') : payload;
  const value = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
  if (!Number.isFinite(value)) throw undecodable(raw, 'is not a decimal number');
  return value;
}

function typeOfPrefix(prefix: string): Exclude<UdfType, 'text' | 'bool'> {
  const found = (['int', 'float', 'money', 'date', 'datetime', 'time', 'binary'] as const).find(
    (type) => UDF_PREFIXES[type] === prefix,
  );
  return found ?? 'int';
}

function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

function encodeDate(value: string | Date): string {
  const iso = value instanceof Date ? utcDateTime(value).slice(0, 10) : value;
  const encoded = encodeDatePart(iso);
  if (encoded === undefined) throw invalid('date', value);
  return encoded;
}

function encodeDateTime(value: string | Date): string {
  const iso = value instanceof Date ? utcDateTime(value) : value;
  const encoded = encodeDateTimePart(iso);
  if (encoded === undefined) throw invalid('datetime', value);
  return encoded;
}

function invalid(type: UdfType, value: unknown): SuperOfficeError {
  const shown = value instanceof Date ? value.toString() : JSON.stringify(value);
  return validationError(`UDF ${type} value ${shown} cannot be encoded`);
}

function undecodable(raw: string, problem: string): SuperOfficeError {
  return new SuperOfficeError({
    kind: 'protocol',
    message: `UDF value ${JSON.stringify(raw)} ${problem}`,
    remedy:
      'The custom field holds a value of another type than expected: check the UDF layout (ProgId and type).',
    retryable: false,
    status: 0,
  });
}
