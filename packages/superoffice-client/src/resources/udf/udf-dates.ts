/**
 * Date formats of encoded values (superoffice.md §11, encoded-values): `[D:09.11.2017]` and
 * `[DT:11/09/2017 14:53:18]`. Both are read month-first (.NET invariant culture, which `CultureDataFormatter` uses;
 * UNCERTAIN: the docs' two examples alone cannot tell day-first from month-first). Decoding is lenient: `.`, `/` or
 * `-` separators, ISO `yyyy-MM-dd`, optional seconds and fractions.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ENCODED_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ENCODED_DATETIME = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** `2017-09-11` → `09.11.2017`; `undefined` when not a valid calendar date. */
export function encodeDatePart(iso: string): string | undefined {
  const match = DATE.exec(iso);
  if (!match || !validDate(match[1], match[2], match[3])) return undefined;
  return `${match[2]}.${match[3]}.${match[1]}`;
}

/** `2017-11-09T14:53:18` → `11/09/2017 14:53:18`; `undefined` when invalid. */
export function encodeDateTimePart(iso: string): string | undefined {
  const match = DATETIME.exec(iso);
  if (!match || !validDate(match[1], match[2], match[3]) || !validTime(match[4], match[5], match[6])) {
    return undefined;
  }
  return `${match[2]}/${match[3]}/${match[1]} ${match[4]}:${match[5]}:${match[6]}`;
}

/** Checks `HH:mm[:ss]`. */
export function isTime(value: string): boolean {
  const match = TIME.exec(value);
  return match !== null && validTime(match[1], match[2], match[3] ?? '00');
}

/** `09.11.2017` (or ISO) → `2017-09-11`; `undefined` when unreadable. */
export function decodeDatePart(text: string): string | undefined {
  const iso = DATE.exec(text);
  if (iso) return validDate(iso[1], iso[2], iso[3]) ? text : undefined;
  const match = ENCODED_DATE.exec(text);
  if (!match) return undefined;
  const [month, day, year] = [pad(match[1]), pad(match[2]), match[3] ?? ''];
  return validDate(year, month, day) ? `${year}-${month}-${day}` : undefined;
}

/** `11/09/2017 14:53:18` (or ISO) → `2017-11-09T14:53:18`; missing seconds read as `00`, fractions dropped. */
export function decodeDateTimePart(text: string): string | undefined {
  const iso = ISO_DATETIME.exec(text);
  const match = iso ?? ENCODED_DATETIME.exec(text);
  if (!match) return undefined;
  const [year, month, day] = iso
    ? [match[1] ?? '', match[2] ?? '', match[3] ?? '']
    : [match[3] ?? '', pad(match[1]), pad(match[2])];
  const [hour, minute, second] = [pad(match[4]), match[5] ?? '', match[6] ?? '00'];
  if (!validDate(year, month, day) || !validTime(hour, minute, second)) return undefined;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}`;
}

/** Formats a `Date` as its UTC `YYYY-MM-DDTHH:mm:ss`. */
export function utcDateTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function pad(part: string | undefined): string {
  return (part ?? '').padStart(2, '0');
}

function validDate(year: string | undefined, month: string | undefined, day: string | undefined): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (!Number.isInteger(y) || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validTime(
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): boolean {
  return Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
}
