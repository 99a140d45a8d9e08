import { type MappingContext, readCache } from './context.js';
import { compileDatePattern } from './dates.js';
import { isEmpty } from './empty.js';
import { FieldFailure, SkipRecordSignal } from './signals.js';
import type { Scalar, Transform, UnmappedPolicy } from './spec-types.js';
import { capitalize, formatNumberValue, parseNumberValue, tableKey, toDate, toText } from './values.js';

/** A compiled pipeline step. Empty values (missing, null) pass through every step but `default`. */
export type StepFn = (value: unknown, context: MappingContext) => unknown;

/** The reaction to a value a table or cache does not have. */
export function unmappedValue(
  policy: UnmappedPolicy,
  fallback: Scalar | undefined,
  value: unknown,
  where: string,
): unknown {
  if (policy === 'default') return fallback;
  const message = `value "${toText(value)}" is not in ${where}`;
  if (policy === 'skip_record') throw new SkipRecordSignal(message);
  throw new FieldFailure(message);
}

/** Regex flags without the stateful `g`/`y`. */
export function regexFlags(flags: string | undefined): string {
  return (flags ?? '').replace(/[gy]/g, '');
}

// Steps without options are one shared function each, so call sites that meet them stay monomorphic.
const trimStep: StepFn = (v) => (typeof v === 'string' ? v.trim() : v == null ? v : toText(v).trim());
const upperStep: StepFn = (v) =>
  typeof v === 'string' ? v.toUpperCase() : v == null ? v : toText(v).toUpperCase();
const lowerStep: StepFn = (v) =>
  typeof v === 'string' ? v.toLowerCase() : v == null ? v : toText(v).toLowerCase();

/** Compiles one step into a closure; tables, regexes and date patterns are prepared here, once. */
export function compileStep(step: Transform): StepFn {
  switch (step.op) {
    case 'default': {
      const fallback = step.value;
      return (v) => (isEmpty(v) ? fallback : v);
    }
    case 'trim':
      return trimStep;
    case 'upper':
      return upperStep;
    case 'lower':
      return lowerStep;
    case 'capitalize': {
      const words = step.words === true;
      return (v) => (v == null ? v : capitalize(toText(v), words));
    }
    case 'regexExtract': {
      const regex = new RegExp(step.pattern, regexFlags(step.flags));
      const group = step.group ?? 0;
      return (v) => {
        if (v == null) return v;
        const m = regex.exec(toText(v));
        if (!m) return undefined;
        return typeof group === 'number' ? m[group] : m.groups?.[group];
      };
    }
    case 'regexReplace': {
      const regex = new RegExp(step.pattern, `${regexFlags(step.flags)}g`);
      const replacement = step.replacement;
      return (v) => (v == null ? v : toText(v).replace(regex, replacement));
    }
    case 'parseNumber': {
      const decimal = step.decimal ?? '.';
      return (v) => (isEmpty(v) ? undefined : parseNumberValue(v, decimal));
    }
    case 'formatNumber': {
      const decimals = step.decimals ?? 2;
      const decimal = step.decimal ?? '.';
      return (v) => (isEmpty(v) ? undefined : formatNumberValue(v, decimals, decimal));
    }
    case 'parseDate': {
      const zone = step.timeZone ?? 'UTC';
      if (step.format === 'iso') return (v) => (isEmpty(v) ? undefined : toDate(v, zone));
      const pattern = compileDatePattern(step.format);
      const format = step.format;
      return (v) => {
        if (isEmpty(v)) return undefined;
        if (v instanceof Date) return v;
        const date = pattern.parse(toText(v), zone);
        if (!date) throw new FieldFailure(`"${toText(v)}" does not match the date format ${format}`);
        return date;
      };
    }
    case 'formatDate': {
      const zone = step.timeZone ?? 'UTC';
      if (step.format === 'iso') return (v) => (isEmpty(v) ? undefined : toDate(v, zone).toISOString());
      const pattern = compileDatePattern(step.format);
      return (v) => (isEmpty(v) ? undefined : pattern.format(toDate(v, zone), zone));
    }
    case 'mapList': {
      const ignoreCase = step.ignoreCase === true;
      const table = new Map<string, Scalar>();
      for (const [from, to] of Object.entries(step.table)) {
        if (step.reverse === true) {
          if (to === null) continue;
          const key = tableKey(to, ignoreCase);
          if (!table.has(key)) table.set(key, from);
        } else table.set(ignoreCase ? from.trim().toLowerCase() : from, to);
      }
      const { unmapped } = step;
      const fallback = step.default;
      return (v) => {
        if (isEmpty(v)) return undefined;
        const hit = table.get(tableKey(v, ignoreCase));
        return hit !== undefined ? hit : unmappedValue(unmapped, fallback, v, 'the value table');
      };
    }
    case 'lookup': {
      const { cache: name, unmapped } = step;
      const ignoreCase = step.ignoreCase === true;
      const fallback = step.default;
      const where = `lookup "${name}"`;
      return (v, context) => {
        if (isEmpty(v)) return undefined;
        const cache = context.lookups?.[name];
        if (!cache) throw new FieldFailure(`lookup cache "${name}" was not provided`);
        const hit = readCache(cache, tableKey(v, ignoreCase));
        return hit !== undefined && hit !== null ? hit : unmappedValue(unmapped, fallback, v, where);
      };
    }
  }
}

/** Chains compiled steps into one closure. */
export function chainSteps(steps: readonly StepFn[]): StepFn | undefined {
  if (steps.length === 0) return undefined;
  const [a, b, c] = steps as [StepFn, StepFn, StepFn];
  if (steps.length === 1) return a;
  if (steps.length === 2) return (value, context) => b(a(value, context), context);
  if (steps.length === 3) return (value, context) => c(b(a(value, context), context), context);
  return (value, context) => {
    let v = value;
    for (const step of steps) v = step(v, context);
    return v;
  };
}
