import { describe, expect, it } from 'vitest';
import { archiveColumn, archiveColumnNames } from '../../src/superoffice/api/archive-columns.js';
import { parseSoDate } from '../../src/superoffice/api/dates.js';
import { ENTITIES } from '../../src/superoffice/api/entities.js';
import { compileFilter } from '../../src/superoffice/api/filter-parser.js';
import { SuperOfficeApiHttpError } from '../../src/superoffice/api/http-error.js';
import type { JsonObject } from '../../src/superoffice/api/json.js';
import { applyJsonPatch, applyMergePatch } from '../../src/superoffice/api/patch.js';

const contact = ENTITIES.Contact;
const compile = (filter: string) =>
  compileFilter(filter, (name) => archiveColumn(contact, name), archiveColumnNames(contact));
const row = (fields: JsonObject): JsonObject => ({
  ContactId: 1,
  Name: 'Nordlys AS',
  Category: { Id: 2, Value: 'Prospect' },
  UpdatedDate: '2026-05-01T10:30:00',
  Deleted: 0,
  CustomFields: { 'SuperOffice:2': '[I:12]', x_hassupportagreement: '[I:1]' },
  ...fields,
});

function errorOf(action: () => unknown): { status: number; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof SuperOfficeApiHttpError)
      return { status: error.status, message: (error.body as { ErrorMessage: string }).ErrorMessage };
    throw error;
  }
  throw new Error('expected an error');
}

describe('SuperOffice $filter parser (superoffice.md §14)', () => {
  it('binds and tighter than or, honours parentheses and not', () => {
    const f = compile("name begins 'x' or contactId eq 1 and category oneOf (2)");
    expect(f(row({}))).toBe(true);
    expect(compile("(name begins 'x' or contactId eq 1) and category oneOf (3)")(row({}))).toBe(false);
    expect(compile("not name contains 'lys'")(row({}))).toBe(false);
  });

  it('keeps the time part for afterTime/beforeTime and compares date parts otherwise', () => {
    expect(compile("updatedDate afterTime '2026-05-01T10:00:00'")(row({}))).toBe(true);
    expect(compile("updatedDate afterTime '2026-05-01T11:00:00'")(row({}))).toBe(false);
    expect(compile("updatedDate gt '2026-05-01T09:00:00'")(row({}))).toBe(false);
    expect(compile("updatedDate eq '2026.05.01'")(row({}))).toBe(true);
    expect(compile("updatedDate afterTime '2000-01-01'")(row({ UpdatedDate: '0001-01-01T00:00:00' }))).toBe(
      false,
    );
  });

  it('types UDF and extra-field columns from their definitions', () => {
    expect(compile('contactUdef/SuperOffice:2 between (10, 12)')(row({}))).toBe(true);
    expect(compile('contactExtra/x_hassupportagreement eq true')(row({}))).toBe(true);
    expect(compile('contactDeleted eq false')(row({}))).toBe(true);
  });

  it('names the problem and its position', () => {
    expect(errorOf(() => compile("name begins 'A' and"))).toEqual({
      status: 400,
      message:
        "Invalid $filter at position 20 (near 'ns 'A' and'): expected a column name, found the end of the filter",
    });
    expect(errorOf(() => compile('')).message).toMatch(/expected a condition/);
    expect(errorOf(() => compile("category begins 'x'")).message).toMatch(/use oneOf, notOneOf/);
  });
});

describe('SuperOffice PATCH documents (superoffice.md §12)', () => {
  const entity: JsonObject = { Name: 'A', Phones: [{ Value: '1' }], CustomFields: { 'SuperOffice:1': '' } };

  it('JSON Patch: ~1 escapes, case-insensitive keys, test before replace', () => {
    const patched = applyJsonPatch(entity, [
      { op: 'test', path: '/name', value: 'A' },
      { op: 'replace', path: 'customfields/SuperOffice:1', value: 'x/y' },
      { op: 'add', path: 'Phones/0', value: { Value: '0' } },
    ]);
    expect(patched).toEqual({
      Name: 'A',
      Phones: [{ Value: '0' }, { Value: '1' }],
      CustomFields: { 'SuperOffice:1': 'x/y' },
    });
    expect(entity.Phones).toEqual([{ Value: '1' }]);
    expect(
      errorOf(() => applyJsonPatch(entity, [{ op: 'test', path: 'Phones/0/Value', value: '2' }])).status,
    ).toBe(409);
    expect(
      errorOf(() => applyJsonPatch(entity, [{ op: 'copy', from: 'Name', path: 'Name' }])).message,
    ).toMatch(/not supported/);
  });

  it('merge patch: object appends to arrays, array replaces, nested objects merge', () => {
    expect(applyMergePatch(entity, { phones: { Value: '2' } }).Phones).toEqual([
      { Value: '1' },
      { Value: '2' },
    ]);
    expect(applyMergePatch(entity, { Phones: [] }).Phones).toEqual([]);
    expect(applyMergePatch(entity, { CustomFields: { 'SuperOffice:1': 'v' } }).CustomFields).toEqual({
      'SuperOffice:1': 'v',
    });
    expect(errorOf(() => applyMergePatch(entity, { Bogus: 1 })).status).toBe(400);
  });
});

describe('SuperOffice dates (superoffice.md §17)', () => {
  it('parses the accepted forms as UTC', () => {
    expect(parseSoDate('2026-05-01')).toBe(Date.UTC(2026, 4, 1));
    expect(parseSoDate('2026.05.01 10:30')).toBe(Date.UTC(2026, 4, 1, 10, 30));
    expect(parseSoDate('2026-05-01T10:30:00+02:00')).toBe(Date.UTC(2026, 4, 1, 8, 30));
    expect(parseSoDate('yesterday')).toBeUndefined();
  });
});
