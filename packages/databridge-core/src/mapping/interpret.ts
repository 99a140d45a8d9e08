import { failureMessage, fieldRunsIn, type RunDirection } from './compile-mapping.js';
import { regexFlags, unmappedValue } from './compile-step.js';
import { type FieldError, type MappingContext, type MappingResult, readCache } from './context.js';
import { compileDatePattern } from './dates.js';
import { isEmpty } from './empty.js';
import { mustParsePath, readPath, writePath } from './path.js';
import { FieldFailure, SkipRecordSignal } from './signals.js';
import type { Condition, FieldSpec, MappingSpec, Transform, ValueRule } from './spec-types.js';
import {
  capitalize,
  formatNumberValue,
  parseNumberValue,
  scalarEquals,
  tableKey,
  toDate,
  toText,
} from './values.js';

const get = (record: unknown, path: string): unknown => readPath(record, mustParsePath(path));

function holds(condition: Condition, record: unknown): boolean {
  const value = get(record, condition.path);
  switch (condition.is) {
    case 'empty':
      return isEmpty(value);
    case 'notEmpty':
      return !isEmpty(value);
    case 'equals':
      return scalarEquals(value, condition.value);
    case 'notEquals':
      return !scalarEquals(value, condition.value);
    case 'in':
      return (condition.values ?? []).some((candidate) => scalarEquals(value, candidate));
    case 'matches':
      return (
        !isEmpty(value) &&
        typeof value !== 'object' &&
        new RegExp(condition.pattern ?? '', 'u').test(toText(value))
      );
  }
}

function evaluateRule(rule: ValueRule, record: unknown): unknown {
  switch (rule.kind) {
    case 'copy':
      return get(record, rule.from);
    case 'constant':
      return rule.value;
    case 'first':
      return rule.from.map((path) => get(record, path)).find((value) => !isEmpty(value));
    case 'concat': {
      const texts = rule.from
        .map((part) => (typeof part === 'string' ? get(record, part) : part.text))
        .filter((value) => !isEmpty(value))
        .map(toText);
      return texts.length === 0 ? undefined : texts.join(rule.separator);
    }
  }
}

function lookupTable(step: Extract<Transform, { op: 'mapList' }>, key: string): unknown {
  const ignoreCase = step.ignoreCase === true;
  const entries = Object.entries(step.table);
  if (step.reverse === true)
    return entries.find(([, to]) => to !== null && tableKey(to, ignoreCase) === key)?.[0];
  return entries.find(([from]) => (ignoreCase ? from.trim().toLowerCase() : from) === key)?.[1];
}

function applyStep(step: Transform, v: unknown, context: MappingContext): unknown {
  if (step.op === 'default') return isEmpty(v) ? step.value : v;
  if (v === undefined || v === null) return undefined;
  switch (step.op) {
    case 'trim':
      return toText(v).trim();
    case 'upper':
      return toText(v).toUpperCase();
    case 'lower':
      return toText(v).toLowerCase();
    case 'capitalize':
      return capitalize(toText(v), step.words === true);
    case 'regexExtract': {
      const m = new RegExp(step.pattern, regexFlags(step.flags)).exec(toText(v));
      const group = step.group ?? 0;
      return m ? (typeof group === 'number' ? m[group] : m.groups?.[group]) : undefined;
    }
    case 'regexReplace':
      return toText(v).replace(new RegExp(step.pattern, `${regexFlags(step.flags)}g`), step.replacement);
  }
  if (isEmpty(v)) return undefined;
  switch (step.op) {
    case 'parseNumber':
      return parseNumberValue(v, step.decimal ?? '.');
    case 'formatNumber':
      return formatNumberValue(v, step.decimals ?? 2, step.decimal ?? '.');
    case 'parseDate': {
      const zone = step.timeZone ?? 'UTC';
      if (step.format === 'iso' || v instanceof Date) return toDate(v, zone);
      const date = compileDatePattern(step.format).parse(toText(v), zone);
      if (!date) throw new FieldFailure(`"${toText(v)}" does not match the date format ${step.format}`);
      return date;
    }
    case 'formatDate': {
      const zone = step.timeZone ?? 'UTC';
      const date = toDate(v, zone);
      return step.format === 'iso' ? date.toISOString() : compileDatePattern(step.format).format(date, zone);
    }
    case 'mapList': {
      const hit = lookupTable(step, tableKey(v, step.ignoreCase === true));
      return hit !== undefined ? hit : unmappedValue(step.unmapped, step.default, v, 'the value table');
    }
    case 'lookup': {
      const cache = context.lookups?.[step.cache];
      if (!cache) throw new FieldFailure(`lookup cache "${step.cache}" was not provided`);
      const hit = readCache(cache, tableKey(v, step.ignoreCase === true));
      return hit !== undefined && hit !== null
        ? hit
        : unmappedValue(step.unmapped, step.default, v, `lookup "${step.cache}"`);
    }
  }
}

function runField(
  field: FieldSpec,
  record: unknown,
  output: Record<string, unknown>,
  context: MappingContext,
): void {
  let value = evaluateRule(field.rule, record);
  for (const step of field.pipe ?? []) value = applyStep(step, value, context);
  if (field.required === true && isEmpty(value)) throw new FieldFailure('a value is required');
  if (value !== undefined && value !== null) writePath(output, mustParsePath(field.target), value);
}

/**
 * The reference interpreter: walks the spec for every record with no preparation. Slow and plain on purpose; the
 * property tests check that {@link compileMapping} gives the same results.
 */
export function interpretMapping(
  spec: MappingSpec,
  record: unknown,
  context: MappingContext = {},
  direction: RunDirection = 'source_to_target',
): MappingResult {
  for (const rule of spec.skip ?? [])
    if (holds(rule, record))
      return { status: 'skipped', skipped: rule.reason ?? `${rule.path} is ${rule.is}` };
  const output: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const field of spec.fields.filter((candidate) => fieldRunsIn(candidate, direction))) {
    try {
      runField(field, record, output, context);
    } catch (error) {
      if (error instanceof SkipRecordSignal)
        return { status: 'skipped', skipped: `${field.target}: ${error.reason}` };
      errors.push({ field: field.target, message: failureMessage(error) });
    }
  }
  return errors.length > 0 ? { status: 'failed', errors } : { status: 'mapped', output };
}
