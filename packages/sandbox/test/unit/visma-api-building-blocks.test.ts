import { describe, expect, it } from 'vitest';
import { dto, unwrapDto } from '../../src/visma/api/dto-value.js';
import { dateCondition, parseFilterTimestamp } from '../../src/visma/api/filters.js';
import { VismaApiHttpError } from '../../src/visma/api/http-error.js';
import { paginate, parsePaging } from '../../src/visma/api/paging.js';
import { Prng } from '../../src/visma/api/prng.js';
import { VismaApiRateLimits } from '../../src/visma/api/rate-limit.js';
import { rowVersion } from '../../src/visma/api/record-table.js';
import { Router } from '../../src/visma/api/router.js';
import { orgNumber } from '../../src/visma/api/seed-data.js';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof VismaApiHttpError && error.body.kind === 'json') {
      return (error.body.value as { message: string }).message;
    }
    throw error;
  }
  throw new Error('expected a VismaApiHttpError');
}

describe('DtoValue unwrapping (visma-net.md §5.2)', () => {
  const schema = {
    name: dto.string,
    creditLimit: dto.number,
    hold: dto.boolean,
    overrideWithClassValues: dto.plainBoolean,
    mainAddress: dto.object({ city: dto.string }),
    lines: dto.plainArray({ operation: dto.plainEnum(['Insert', 'Delete'] as const), quantity: dto.number }),
    subaccount: dto.rawArray,
  } as const;

  it('unwraps scalars, nested objects, plain fields and plain arrays of wrapped items', () => {
    expect(
      unwrapDto(
        {
          name: { value: 'A' },
          creditLimit: { value: '12.5' },
          hold: { value: false },
          overrideWithClassValues: true,
          mainAddress: { value: { city: { value: 'Oslo' } } },
          lines: [{ operation: 'Insert', quantity: { value: 2 } }],
          subaccount: [{ segmentId: 1, segmentValue: '10' }],
          unknown: 'ignored',
          ignoredNull: null,
        },
        schema,
      ),
    ).toEqual({
      name: 'A',
      creditLimit: 12.5,
      hold: false,
      overrideWithClassValues: true,
      mainAddress: { city: 'Oslo' },
      lines: [{ operation: 'Insert', quantity: 2 }],
      subaccount: [{ segmentId: 1, segmentValue: '10' }],
    });
    expect(unwrapDto({ name: { value: null }, mainAddress: { value: null } }, schema)).toEqual({
      name: null,
      mainAddress: null,
    });
  });

  it('names the offending field', () => {
    expect(messageOf(() => unwrapDto({ name: 'A' }, schema))).toContain("Path 'name'");
    expect(messageOf(() => unwrapDto({ overrideWithClassValues: { value: true } }, schema))).toContain(
      "Path 'overrideWithClassValues'",
    );
    expect(messageOf(() => unwrapDto({ lines: [{ operation: { value: 'Insert' } }] }, schema))).toContain(
      "Path 'lines[0].operation'",
    );
    expect(messageOf(() => unwrapDto({ creditLimit: { value: 'lots' } }, schema))).toContain(
      "Path 'creditLimit.value'",
    );
    expect(messageOf(() => unwrapDto({ mainAddress: { value: { city: 'Oslo' } } }, schema))).toContain(
      "Path 'mainAddress.city'",
    );
  });
});

describe('date filters (visma-net.md §6)', () => {
  it('parses the zone-less formats as UTC', () => {
    expect(parseFilterTimestamp('x', '2026-05-01')).toBe(Date.UTC(2026, 4, 1));
    expect(parseFilterTimestamp('x', '2026-05-01 10:11:12')).toBe(Date.UTC(2026, 4, 1, 10, 11, 12));
    expect(parseFilterTimestamp('x', '2026-05-01T10:11:12.5')).toBe(Date.UTC(2026, 4, 1, 10, 11, 12, 500));
    expect(() => parseFilterTimestamp('x', '2026-02-30')).toThrow(VismaApiHttpError);
    expect(() => parseFilterTimestamp('x', '2026-05-01T10:11:12+01:00')).toThrow(VismaApiHttpError);
  });

  it('needs its condition', () => {
    expect(dateCondition(new URLSearchParams(''), 'lastModifiedDateTime')).toBeUndefined();
    const gte = dateCondition(new URLSearchParams('d=2026-05-01&dCondition=>='), 'd');
    expect(gte?.(Date.UTC(2026, 4, 1))).toBe(true);
    expect(gte?.(Date.UTC(2026, 3, 30))).toBe(false);
    expect(messageOf(() => dateCondition(new URLSearchParams('d=2026-05-01'), 'd'))).toContain(
      'dCondition is mandatory',
    );
  });
});

describe('paging (visma-net.md §6)', () => {
  it('caps the page size, defaults to 100 and scans once with a filter', () => {
    expect(parsePaging(new URLSearchParams('pageSize=5000'), 1000)).toEqual({
      pageNumber: 1,
      pageSize: 1000,
    });
    expect(parsePaging(new URLSearchParams(''), 1000)).toEqual({ pageNumber: 1, pageSize: 100 });
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(paginate(rows, { pageNumber: 2, pageSize: 3 })).toEqual({ totalCount: 10, items: [3, 4, 5] });
    expect(paginate(rows, { pageNumber: 2, pageSize: 2 }, (n) => n % 2 === 0)).toEqual({
      totalCount: 5,
      items: [4, 6],
    });
    expect(paginate(rows, { pageNumber: 9, pageSize: 3 })).toEqual({ totalCount: 10, items: [] });
  });
});

describe('rate-limit windows (visma-net.md §4)', () => {
  it('counts a fixed window per (tenant, client) and reopens it after the window', () => {
    let now = 0;
    const limits = new VismaApiRateLimits(2, 60, () => now);
    expect(limits.consume('t', 'c').status).toEqual({ limit: 2, remaining: 1, resetSeconds: 60 });
    now = 30_500;
    expect(limits.consume('t', 'c')).toEqual({
      allowed: true,
      status: { limit: 2, remaining: 0, resetSeconds: 30 },
    });
    expect(limits.consume('t', 'c').allowed).toBe(false);
    expect(limits.consume('t', 'other').allowed).toBe(true);
    now = 60_000;
    expect(limits.consume('t', 'c')).toEqual({
      allowed: true,
      status: { limit: 2, remaining: 1, resetSeconds: 60 },
    });
    expect(limits.counters('T')).toEqual({ requests: 5, throttled: 1 });
  });
});

describe('router, PRNG and seed helpers', () => {
  it('prefers literal segments and matches them case-insensitively', () => {
    const handler = (name: string) => () => ({ status: 200, json: name });
    const router = new Router([
      { method: 'GET', pattern: '/v1/customer/:number', handler: handler('number') },
      { method: 'GET', pattern: '/v1/customer/customerClass', handler: handler('classes') },
    ]);
    const match = router.match('GET', '/v1/Customer/CUSTOMERCLASS');
    expect(match.kind === 'found' && match.handler({} as never)).toEqual({ status: 200, json: 'classes' });
    expect(router.match('GET', '/v1/customer/10%2F1')).toMatchObject({
      kind: 'found',
      params: { number: '10/1' },
    });
    expect(router.match('PUT', '/v1/customer/1')).toEqual({ kind: 'methodNotAllowed', allowed: ['GET'] });
  });

  it('is deterministic and makes valid org numbers', () => {
    const a = new Prng(5);
    const b = new Prng(5);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    for (let i = 0; i < 50; i++) {
      const digits = orgNumber(a).split('').map(Number);
      const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, j) => acc + w * (digits[j] ?? 0), 0);
      expect((11 - (sum % 11)) % 11).toBe(digits[8]);
    }
  });

  it('encodes timeStamps like 8-byte big-endian rowversions', () => {
    for (const counter of [0, 1, 65_536, 0xffff_ffff, 0x1_2345_6789, 2 ** 47 + 12_345]) {
      const bytes = Buffer.alloc(8);
      bytes.writeBigUInt64BE(BigInt(counter));
      expect(rowVersion(counter)).toBe(bytes.toString('base64'));
    }
  });
});
