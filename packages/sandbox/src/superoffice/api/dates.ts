/**
 * Date handling. Without `SO-TimeZone` SuperOffice exchanges datetimes in the tenant's base time zone with no offset
 * (superoffice.md §17); the stand-in's base time zone is UTC, so values look like `2026-05-01T10:00:00`.
 */

/** `DateTime.MinValue` as .NET serialises it: what an unset date (e.g. `UpdatedDate` of a new record) carries. */
export const MIN_DATE = '0001-01-01T00:00:00';

/** Formats epoch ms as `yyyy-MM-ddTHH:mm:ss` (UTC, no zone designator, second precision). */
export function formatSoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

const DATE_PATTERN =
  /^(\d{4})[-.](\d{2})[-.](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the date forms the API accepts: `2026-05-01`, `2026.05.01` (the docs' filter examples), with an optional
 * `THH:mm[:ss[.fff]]` and an optional `Z`/offset. A value without a zone is UTC (our base time zone, §17).
 * Returns epoch ms, or `undefined` when it is not a date.
 */
export function parseSoDate(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${normaliseZone(zone)}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Epoch ms of a stored date string; `undefined` for `MIN_DATE`, empty or unparsable values. */
export function storedDateMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '' || value.startsWith('0001-01-01')) return undefined;
  return parseSoDate(value);
}
