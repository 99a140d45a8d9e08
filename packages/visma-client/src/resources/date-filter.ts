/**
 * Date filters of Visma.net list endpoints (visma-net.md §6): `<field>` plus its mandatory `<field>Condition`,
 * with timestamps written `yyyy-MM-dd HH:mm:ss` and no time-zone designator.
 */

/** The comparison operators Visma.net accepts in `…Condition` parameters (§6). */
export const DATE_CONDITIONS = ['>', '<', '>=', '<='] as const;

/** One of {@link DATE_CONDITIONS}. */
export type DateCondition = (typeof DATE_CONDITIONS)[number];

/** A point in time for a filter: a `Date`, or an ISO 8601 string. */
export type DateInput = Date | string;

/** Options for {@link formatVismaDateTime}. */
export interface VismaDateTimeOptions {
  /**
   * IANA time zone the server compares in. Defaults to `'UTC'`. The zone Visma.net applies to zone-less filter
   * timestamps is UNCERTAIN (§6, §12 item 3), so re-read with an overlap of a few minutes whatever you choose.
   */
  readonly timeZone?: string | undefined;
}

/** Options for {@link dateFilter} and {@link lastModifiedFilter}. */
export interface DateFilterOptions extends VismaDateTimeOptions {
  /** The comparison; defaults to `'>='` so an incremental read never misses the record at the watermark. */
  readonly condition?: DateCondition | undefined;
}

/** The two query parameters of a date filter, e.g. `lastModifiedDateTime` and `lastModifiedDateTimeCondition`. */
export type DateFilterQuery<Field extends string> = { readonly [K in Field]: string } & {
  readonly [K in `${Field}Condition`]: DateCondition;
};

/** An ISO string without zone: already wall-clock time on the server, so it is passed through, not converted. */
const ZONELESS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?$/;

/**
 * Formats a point in time as Visma.net filters expect it: `yyyy-MM-dd HH:mm:ss`, in `options.timeZone` (UTC by
 * default). Milliseconds are cut, which keeps a `>=` watermark inclusive. A string without a zone designator
 * (`2026-05-01T10:00:00`, `2026-05-01`) is taken as already being server time and only normalised.
 *
 * @example
 * ```ts
 * formatVismaDateTime(new Date('2026-05-01T10:00:00.250Z')); // '2026-05-01 10:00:00'
 * formatVismaDateTime('2026-05-01T10:00:00Z', { timeZone: 'Europe/Oslo' }); // '2026-05-01 12:00:00'
 * ```
 */
export function formatVismaDateTime(input: DateInput, options: VismaDateTimeOptions = {}): string {
  if (typeof input === 'string') {
    const zoneless = ZONELESS.exec(input.trim());
    if (zoneless) {
      const time = zoneless[2] ?? '00:00:00';
      return `${zoneless[1]} ${time.length === 5 ? `${time}:00` : time}`;
    }
  }
  const date = typeof input === 'string' ? new Date(input) : input;
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid date for a Visma.net filter: ${JSON.stringify(String(input))}`);
  }
  return formatInZone(date, options.timeZone ?? 'UTC');
}

/**
 * Builds a date filter for any Visma.net date field that has a `…Condition` companion (`lastModifiedDateTime`,
 * `createdDateTime`, `documentDate`, …). The condition is always sent: it is mandatory (§6).
 *
 * @example
 * ```ts
 * dateFilter('createdDateTime', new Date('2026-05-01T10:00:00Z'), { condition: '<' });
 * // { createdDateTime: '2026-05-01 10:00:00', createdDateTimeCondition: '<' }
 * ```
 */
export function dateFilter<Field extends string>(
  field: Field,
  since: DateInput,
  options: DateFilterOptions = {},
): DateFilterQuery<Field> {
  const condition = options.condition ?? '>=';
  if (!(DATE_CONDITIONS as readonly string[]).includes(condition)) {
    throw new RangeError(
      `${field}Condition must be one of ${DATE_CONDITIONS.join(' ')}, got ${String(condition)}`,
    );
  }
  return {
    [field]: formatVismaDateTime(since, options),
    [`${field}Condition`]: condition,
  } as DateFilterQuery<Field>;
}

/**
 * The incremental-read filter: `lastModifiedDateTime` + `lastModifiedDateTimeCondition` (default `>=`).
 *
 * @example
 * ```ts
 * lastModifiedFilter(new Date('2026-05-01T10:00:00Z'));
 * // { lastModifiedDateTime: '2026-05-01 10:00:00', lastModifiedDateTimeCondition: '>=' }
 * ```
 */
export function lastModifiedFilter(
  since: DateInput,
  options: DateFilterOptions = {},
): DateFilterQuery<'lastModifiedDateTime'> {
  return dateFilter('lastModifiedDateTime', since, options);
}

function formatInZone(date: Date, timeZone: string): string {
  if (timeZone === 'UTC') return date.toISOString().slice(0, 19).replace('T', ' ');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
