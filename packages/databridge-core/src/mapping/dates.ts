/** Date parsing and formatting in IANA time zones with `Intl` only. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of a moment. */
export interface WallTime {
  /** Full year. */
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  /** 1-31. */
  readonly day: number;
  /** 0-23. */
  readonly hour: number;
  /** 0-59. */
  readonly minute: number;
  /** 0-59. */
  readonly second: number;
  /** 0-999. */
  readonly millisecond: number;
}

/** The wall-clock time of an instant in a time zone. */
export function wallTimeIn(ms: number, timeZone: string): WallTime {
  if (timeZone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
    };
  }
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function wallMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/**
 * The instant whose wall-clock time in `timeZone` is `wall`, like Temporal's `compatible` disambiguation: the
 * earlier instant in a DST overlap, and a time in a DST gap moved forward by the gap.
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = wallMs(wall);
  if (timeZone === 'UTC') return asUtc;
  const offset = (ms: number): number => wallMs(wallTimeIn(ms, timeZone)) - ms;
  const before = asUtc - offset(asUtc - 43_200_000);
  const after = asUtc - offset(asUtc + 43_200_000);
  const fits = (ms: number): boolean => wallMs(wallTimeIn(ms, timeZone)) === asUtc;
  if (fits(before)) return before;
  if (fits(after)) return after;
  return before;
}

/** Whether the fields name a real calendar date and time. */
export function isValidWall(wall: WallTime): boolean {
  const d = new Date(wallMs(wall));
  return (
    wall.month >= 1 &&
    wall.month <= 12 &&
    d.getUTCDate() === wall.day &&
    d.getUTCMonth() === wall.month - 1 &&
    wall.hour < 24 &&
    wall.minute < 60 &&
    wall.second < 60
  );
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses ISO 8601 text; without an offset the text is wall-clock time in `timeZone`. */
export function parseIsoDate(text: string, timeZone: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const wall: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  };
  if (!isValidWall(wall)) return undefined;
  const zone = m[8];
  if (zone === undefined) return new Date(instantOf(wall, timeZone));
  if (zone.toUpperCase() === 'Z') return new Date(wallMs(wall));
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(wallMs(wall) - sign * minutes * 60_000);
}

const TOKENS = /yyyy|MM|dd|HH|mm|ss|SSS/g;
type Token = 'yyyy' | 'MM' | 'dd' | 'HH' | 'mm' | 'ss' | 'SSS';

/** A compiled date pattern such as `dd.MM.yyyy HH:mm`. */
export interface DatePattern {
  /** Parses text in a time zone; `undefined` when it does not match or is not a real date. */
  readonly parse: (text: string, timeZone: string) => Date | undefined;
  /** Formats an instant in a time zone. */
  readonly format: (date: Date, timeZone: string) => string;
}

/** Compiles a pattern of `yyyy MM dd HH mm ss SSS` tokens and literal characters. */
export function compileDatePattern(pattern: string): DatePattern {
  const order: Token[] = [];
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(TOKENS, (token) => {
    order.push(token as Token);
    return token === 'yyyy' ? '(\\d{4})' : token === 'SSS' ? '(\\d{3})' : '(\\d{1,2})';
  });
  const regex = new RegExp(`^${source}$`);
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return {
    parse(text, timeZone) {
      const m = regex.exec(text.trim());
      if (!m) return undefined;
      const got: Partial<Record<Token, number>> = {};
      order.forEach((token, i) => {
        got[token] = Number(m[i + 1]);
      });
      const wall: WallTime = {
        year: got.yyyy ?? 1970,
        month: got.MM ?? 1,
        day: got.dd ?? 1,
        hour: got.HH ?? 0,
        minute: got.mm ?? 0,
        second: got.ss ?? 0,
        millisecond: got.SSS ?? 0,
      };
      return isValidWall(wall) ? new Date(instantOf(wall, timeZone)) : undefined;
    },
    format(date, timeZone) {
      const w = wallTimeIn(date.getTime(), timeZone);
      return pattern.replace(TOKENS, (token) => {
        switch (token as Token) {
          case 'yyyy':
            return pad(w.year, 4);
          case 'MM':
            return pad(w.month, 2);
          case 'dd':
            return pad(w.day, 2);
          case 'HH':
            return pad(w.hour, 2);
          case 'mm':
            return pad(w.minute, 2);
          case 'ss':
            return pad(w.second, 2);
          case 'SSS':
            return pad(w.millisecond, 3);
        }
      });
    },
  };
}
