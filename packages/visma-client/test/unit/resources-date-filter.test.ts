import { describe, expect, it } from 'vitest';
import { dateFilter, formatVismaDateTime, lastModifiedFilter } from '../../src/resources/index.js';

describe('formatVismaDateTime', () => {
  it('writes yyyy-MM-dd HH:mm:ss in UTC by default and cuts milliseconds', () => {
    expect(formatVismaDateTime(new Date('2026-05-01T10:00:00.999Z'))).toBe('2026-05-01 10:00:00');
    expect(formatVismaDateTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02 03:04:05');
  });

  it('converts ISO strings with a zone designator', () => {
    expect(formatVismaDateTime('2026-05-01T10:00:00Z')).toBe('2026-05-01 10:00:00');
    expect(formatVismaDateTime('2026-05-01T12:30:00+02:00')).toBe('2026-05-01 10:30:00');
  });

  it('passes a zone-less string through as server time, only normalising it', () => {
    expect(formatVismaDateTime('2026-05-01T10:00:00')).toBe('2026-05-01 10:00:00');
    expect(formatVismaDateTime('2026-05-01 10:00:00.123')).toBe('2026-05-01 10:00:00');
    expect(formatVismaDateTime('2026-05-01T10:00')).toBe('2026-05-01 10:00:00');
    expect(formatVismaDateTime('2026-05-01')).toBe('2026-05-01 00:00:00');
    expect(formatVismaDateTime('2026-05-01', { timeZone: 'Europe/Oslo' })).toBe('2026-05-01 00:00:00');
  });

  it('writes the wall-clock time of another time zone, summer and winter', () => {
    expect(formatVismaDateTime('2026-05-01T10:00:00Z', { timeZone: 'Europe/Oslo' })).toBe(
      '2026-05-01 12:00:00',
    );
    expect(formatVismaDateTime('2026-01-15T23:30:00Z', { timeZone: 'Europe/Oslo' })).toBe(
      '2026-01-16 00:30:00',
    );
    expect(formatVismaDateTime('2026-01-15T00:00:00Z', { timeZone: 'America/New_York' })).toBe(
      '2026-01-14 19:00:00',
    );
  });

  it('refuses an invalid date or time zone', () => {
    expect(() => formatVismaDateTime('yesterday')).toThrow(
      'Not a valid date for a Visma.net filter: "yesterday"',
    );
    expect(() => formatVismaDateTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatVismaDateTime(new Date(), { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('lastModifiedFilter and dateFilter', () => {
  it('builds lastModifiedDateTime with the condition >= by default', () => {
    expect(lastModifiedFilter(new Date('2026-05-01T10:00:00Z'))).toStrictEqual({
      lastModifiedDateTime: '2026-05-01 10:00:00',
      lastModifiedDateTimeCondition: '>=',
    });
  });

  it.each(['>', '<', '>=', '<='] as const)('sends the condition %s', (condition) => {
    expect(lastModifiedFilter('2026-05-01T10:00:00Z', { condition }).lastModifiedDateTimeCondition).toBe(
      condition,
    );
  });

  it('applies the time zone option', () => {
    expect(lastModifiedFilter('2026-05-01T10:00:00Z', { timeZone: 'Europe/Oslo' }).lastModifiedDateTime).toBe(
      '2026-05-01 12:00:00',
    );
  });

  it('builds the same pair for any date field', () => {
    expect(dateFilter('documentDate', '2026-05-01', { condition: '<' })).toStrictEqual({
      documentDate: '2026-05-01 00:00:00',
      documentDateCondition: '<',
    });
  });

  it('refuses an unknown condition', () => {
    // @ts-expect-error: '=' is not a Visma.net condition
    expect(() => lastModifiedFilter(new Date(), { condition: '=' })).toThrow(
      'lastModifiedDateTimeCondition must be one of > < >= <=, got =',
    );
  });
});
