import { describe, expect, it } from 'vitest';
import { isVismaError } from '../../src/errors/visma-error.js';
import { type PageParams, type PageResponse, paginate } from '../../src/resources/index.js';

interface Row {
  readonly id: number;
}

interface FakeServer {
  /** Page requests received, in order. */
  readonly calls: PageParams[];
  readonly fetchPage: (params: PageParams) => Promise<PageResponse>;
}

/** Serves `total` rows the way Visma.net does: a bare array, metadata in every element, pageSize silently capped. */
function visma(
  total: number,
  { maxPageSize = 1000, metadata = true }: { maxPageSize?: number; metadata?: boolean } = {},
): FakeServer {
  const calls: PageParams[] = [];
  return {
    calls,
    fetchPage: async (params) => {
      calls.push(params);
      const size = Math.min(params.pageSize, maxPageSize);
      const start = (params.pageNumber - 1) * size;
      const body = rows(start, Math.min(total, start + size)).map((row) =>
        metadata ? { ...row, metadata: { totalCount: total, maxPageSize } } : row,
      );
      return { status: 200, body };
    },
  };
}

/** Serves rows in the BasePaginationDto shape (§6). */
function basePagination(total: number, maxPageSize = 1000): FakeServer {
  const calls: PageParams[] = [];
  return {
    calls,
    fetchPage: async (params) => {
      calls.push(params);
      const size = Math.min(params.pageSize, maxPageSize);
      const start = (params.pageNumber - 1) * size;
      const records = rows(start, Math.min(total, start + size));
      return {
        status: 200,
        body: { pageNumber: params.pageNumber, pageSize: size, totalCount: total, records },
      };
    },
  };
}

function rows(from: number, to: number): Row[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ id: from + i + 1 }));
}

function list(server: FakeServer, options: { pageSize?: number; limit?: number } = {}) {
  return paginate<Row>({
    request: 'GET /customer',
    fetchPage: server.fetchPage,
    parseItem: (item) => item as Row,
    ...options,
  });
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const ids = (items: readonly Row[]) => items.map((row) => row.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('paginate', () => {
  it('always sends pageNumber and pageSize, and stops when totalCount is covered', async () => {
    const server = visma(250);
    const items = await all(list(server, { pageSize: 100 }));
    expect(ids(items)).toStrictEqual(range(1, 250));
    expect(server.calls).toStrictEqual([
      { pageNumber: 1, pageSize: 100 },
      { pageNumber: 2, pageSize: 100 },
      { pageNumber: 3, pageSize: 100 },
    ]);
  });

  it('strips metadata from the records it yields', async () => {
    const [first] = await all(list(visma(3)));
    expect(first).toStrictEqual({ id: 1 });
  });

  it('keeps going when the server caps the page size (asked 500, maxPageSize 100)', async () => {
    const server = visma(250, { maxPageSize: 100 });
    const items = await all(list(server, { pageSize: 500 }));
    expect(ids(items)).toStrictEqual(range(1, 250));
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2, 3]);
    expect(server.calls.every((call) => call.pageSize === 500)).toBe(true);
  });

  it('keeps going on a silent cap without metadata, using the first page length as the page size', async () => {
    const server = visma(250, { maxPageSize: 100, metadata: false });
    const items = await all(list(server, { pageSize: 500 }));
    expect(ids(items)).toStrictEqual(range(1, 250));
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2, 3]);
  });

  it('without metadata, a short first page costs one extra request that comes back empty', async () => {
    const server = visma(37, { metadata: false });
    const items = await all(list(server, { pageSize: 500 }));
    expect(items).toHaveLength(37);
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2]);
  });

  it('with metadata, a short first page is the last one', async () => {
    const server = visma(37);
    expect(await all(list(server, { pageSize: 500 }))).toHaveLength(37);
    expect(server.calls).toHaveLength(1);
  });

  it('on an exact multiple of the page size, stops on totalCount with metadata and on an empty page without', async () => {
    const withMetadata = visma(200);
    expect(await all(list(withMetadata, { pageSize: 100 }))).toHaveLength(200);
    expect(withMetadata.calls).toHaveLength(2);

    const withoutMetadata = visma(200, { metadata: false });
    expect(await all(list(withoutMetadata, { pageSize: 100 }))).toHaveLength(200);
    expect(withoutMetadata.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2, 3]);
  });

  it('without metadata, stops on a page shorter than the page size', async () => {
    const server = visma(230, { metadata: false });
    expect(await all(list(server, { pageSize: 100 }))).toHaveLength(230);
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2, 3]);
  });

  it('yields nothing for an empty first page, after exactly one request', async () => {
    const server = visma(0);
    expect(await all(list(server))).toStrictEqual([]);
    expect(await all(list(server).pages())).toStrictEqual([]);
    expect(server.calls).toStrictEqual([
      { pageNumber: 1, pageSize: 500 },
      { pageNumber: 1, pageSize: 500 },
    ]);
  });

  it('reads the BasePaginationDto variant, including a capped pageSize', async () => {
    const server = basePagination(7, 3);
    const items = await all(list(server, { pageSize: 5 }));
    expect(ids(items)).toStrictEqual(range(1, 7));
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2, 3]);
  });

  it('stops at the limit, and asks for no more than it will take', async () => {
    const server = visma(1000);
    expect(ids(await all(list(server, { pageSize: 100, limit: 150 })))).toStrictEqual(range(1, 150));
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 2]);

    const small = visma(1000);
    expect(ids(await all(list(small, { limit: 3 })))).toStrictEqual([1, 2, 3]);
    expect(small.calls).toStrictEqual([{ pageNumber: 1, pageSize: 3 }]);
  });

  it('walks whole pages with pages(), reporting the effective page size and the total', async () => {
    const server = visma(250, { maxPageSize: 100 });
    const pages = await all(list(server, { pageSize: 500 }).pages());
    expect(
      pages.map((page) => [page.pageNumber, page.items.length, page.pageSize, page.totalCount]),
    ).toStrictEqual([
      [1, 100, 100, 250],
      [2, 100, 100, 250],
      [3, 50, 100, 250],
    ]);
    expect(pages[2]?.items[0]).toStrictEqual({ id: 201 });
  });

  it('cuts the last page at the limit in pages()', async () => {
    const pages = await all(list(visma(1000), { pageSize: 100, limit: 120 }).pages());
    expect(pages.map((page) => page.items.length)).toStrictEqual([100, 20]);
  });

  it('collects with toArray({ limit }) without fetching pages it does not need', async () => {
    const server = visma(1000);
    const items = await list(server, { pageSize: 100 }).toArray({ limit: 150 });
    expect(ids(items)).toStrictEqual(range(1, 150));
    expect(server.calls).toHaveLength(2);
    expect(await list(server).toArray({ limit: 0 })).toStrictEqual([]);
  });

  it('refuses a toArray limit, pageSize or limit that is not a whole number', async () => {
    await expect(list(visma(3)).toArray({ limit: -1 })).rejects.toThrow(RangeError);
    await expect(list(visma(3)).toArray({ limit: 1.5 })).rejects.toThrow(
      'limit must be an integer of at least 0',
    );
    expect(() => list(visma(3), { pageSize: 0 })).toThrow('pageSize must be an integer of at least 1, got 0');
    expect(() => list(visma(3), { limit: Number.NaN })).toThrow(RangeError);
  });

  it('starts again from page 1 on every iteration', async () => {
    const server = visma(3);
    const paged = list(server);
    expect(await all(paged)).toHaveLength(3);
    expect(await all(paged)).toHaveLength(3);
    expect(server.calls.map((call) => call.pageNumber)).toStrictEqual([1, 1]);
  });

  it('keeps going past a short page when totalCount says more records follow', async () => {
    // Records deleted between page requests: page 2 is short, but totalCount still promises page 3.
    const pagesServed = [rows(0, 2), rows(2, 3), rows(3, 5)];
    const calls: number[] = [];
    const items = await all(
      paginate<Row>({
        request: 'GET /customer',
        pageSize: 2,
        parseItem: (item) => item as Row,
        fetchPage: async ({ pageNumber }) => {
          calls.push(pageNumber);
          const body = (pagesServed[pageNumber - 1] ?? []).map((row) => ({
            ...row,
            metadata: { totalCount: 6 },
          }));
          return { status: 200, body };
        },
      }),
    );
    expect(ids(items)).toStrictEqual([1, 2, 3, 4, 5]);
    // Page 3 ends where totalCount says the list ends: (3 - 1) * 2 + 2 = 6.
    expect(calls).toStrictEqual([1, 2, 3]);
  });

  it('throws a protocol VismaError when the body is not a list', async () => {
    const paged = paginate({
      request: 'GET /customer',
      parseItem: (item) => item,
      fetchPage: async () => ({ status: 200, body: { message: 'hello' } }),
    });
    const error = await all(paged).catch((caught: unknown) => caught);
    expect(isVismaError(error, 'protocol')).toBe(true);
    expect((error as Error).message).toBe(
      'GET /customer: response (page 1) is not a list: expected a JSON array or a {pageNumber,pageSize,totalCount,records} page',
    );
  });

  it('throws a protocol VismaError instead of looping when the server ignores pageNumber', async () => {
    const paged = paginate({
      request: 'GET /customer',
      pageSize: 2,
      parseItem: (item) => item,
      fetchPage: async () => ({ status: 200, body: rows(0, 2) }),
    });
    await expect(all(paged)).rejects.toThrow(
      'GET /customer: response (page 2) repeats page 1: the server ignored pageNumber',
    );
  });

  it('passes the page and index of each record to parseItem', async () => {
    const seen: string[] = [];
    await all(
      paginate({
        request: 'GET /contact',
        pageSize: 2,
        fetchPage: visma(3).fetchPage,
        parseItem: (item, origin) => {
          seen.push(`${origin.request} p${origin.pageNumber} #${origin.index}`);
          return item;
        },
      }),
    );
    expect(seen).toStrictEqual(['GET /contact p1 #0', 'GET /contact p1 #1', 'GET /contact p2 #0']);
  });
});
