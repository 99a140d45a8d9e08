import { describe, expect, it } from 'vitest';
import { candidateRows, equalsFilter } from '../../src/visma/api/filters.js';
import { paginate } from '../../src/visma/api/paging.js';
import { RecordTable, type Row, type TimestampedDto } from '../../src/visma/api/record-table.js';

interface Thing extends TimestampedDto {
  number: string;
  email?: string;
  name: string;
}

const emailOf = (thing: Thing) => thing.email;
const nameOf = (thing: Thing) => thing.name;

function table(): RecordTable<Thing> {
  let stamp = 0;
  const things = new RecordTable<Thing>(
    (thing) => thing.number,
    undefined,
    () => String(++stamp),
  );
  for (let i = 0; i < 50; i++) {
    things.insert(
      {
        number: String(i),
        name: i % 10 === 0 ? 'Ten AS' : `Firm ${i}`,
        ...(i % 7 === 0 ? {} : { email: `post@firm${i % 5}.example` }),
        lastModifiedDateTime: '',
        createdDateTime: '',
        timeStamp: '',
      },
      i,
      i,
    );
  }
  return things;
}

/** The list answer by a scan of every row: what the indexed path must equal. */
function scanned(things: RecordTable<Thing>, wanted: string, pageNumber: number, pageSize: number) {
  const matches = equalsFilter(new URLSearchParams({ email: wanted }), 'email');
  return paginate(
    things.rows(),
    { pageNumber, pageSize },
    (row: Row<Thing>) => !!matches?.(row.record.email),
  );
}

function indexed(things: RecordTable<Thing>, wanted: string, pageNumber: number, pageSize: number) {
  const matches = equalsFilter(new URLSearchParams({ email: wanted }), 'email');
  const rows = candidateRows(things, [{ name: 'email', field: emailOf, value: wanted }]);
  return paginate(rows, { pageNumber, pageSize }, (row: Row<Thing>) => !!matches?.(row.record.email));
}

describe('exact-match filters from a field index (visma-net.md §6 list filters)', () => {
  it('answers like a scan: same rows, order, totalCount and pages, case-insensitively', () => {
    const things = table();
    for (const wanted of ['post@firm1.example', 'POST@Firm3.Example', 'nobody@example.com'])
      for (const [pageNumber, pageSize] of [
        [1, 100],
        [1, 3],
        [2, 3],
        [9, 3],
      ] as const)
        expect(indexed(things, wanted, pageNumber, pageSize)).toEqual(
          scanned(things, wanted, pageNumber, pageSize),
        );
    expect(things.matching('email', emailOf, 'post@firm1.example').map((row) => row.record.number)).toEqual([
      '1',
      '6',
      '11',
      '16',
      '26',
      '31',
      '36',
      '41',
      '46',
    ]);
  });

  it('stays right after inserts, writes that change the field, and deletes', () => {
    const things = table();
    const wanted = 'post@firm2.example';
    expect(things.matching('email', emailOf, wanted)).toHaveLength(8);
    things.insert(
      {
        number: 'new',
        name: 'New',
        email: 'Post@Firm2.example',
        lastModifiedDateTime: '',
        createdDateTime: '',
        timeStamp: '',
      },
      99,
      99,
    );
    // A write moves a record between values; it keeps its place in list order.
    things.modify('2', (thing) => {
      thing.email = 'moved@example.com';
    });
    things.modify('3', (thing) => {
      thing.email = 'POST@FIRM2.EXAMPLE';
    });
    things.modify('4', (thing) => {
      delete thing.email;
    });
    things.remove('12');
    expect(things.matching('email', emailOf, wanted).map((row) => row.record.number)).toEqual([
      '3',
      '17',
      '22',
      '27',
      '32',
      '37',
      '47',
      'new',
    ]);
    expect(things.matching('email', emailOf, 'moved@example.com').map((row) => row.record.number)).toEqual([
      '2',
    ]);
    for (const value of [wanted, 'moved@example.com', 'post@firm4.example'])
      expect(indexed(things, value, 1, 100)).toEqual(scanned(things, value, 1, 100));
  });

  it('picks the most selective filter and keeps indexes per field apart', () => {
    const things = table();
    const rows = candidateRows(things, [
      { name: 'email', field: emailOf, value: 'post@firm0.example' },
      { name: 'name', field: nameOf, value: 'ten as' },
    ]);
    // The name has 5 rows, the e-mail 8: the name's rows are scanned (a superset; the predicates decide).
    expect(rows.map((row) => row.record.number)).toEqual(['0', '10', '20', '30', '40']);
    expect(candidateRows(things, [])).toBe(things.rows());
  });
});
