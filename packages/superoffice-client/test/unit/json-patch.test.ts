import { describe, expect, it } from 'vitest';
import { isSuperOfficeError } from '../../src/errors/superoffice-error.js';
import {
  createPatch,
  diffJsonPatch,
  escapePointerSegment,
  parsePointer,
  toPointer,
} from '../../src/resources/index.js';

const acme = {
  ContactId: 5,
  Name: 'Acme AS',
  OrgNr: '999999999',
  Department: '',
  Address: { Postal: { City: 'Oslo', Zipcode: '0150' }, Street: { City: 'Oslo' } },
  Emails: [{ Value: 'post@acme.no' }],
  CustomFields: { 'SuperOffice:1': 'x', 'SuperOffice:2': '[I:1]' },
};

describe('diffJsonPatch', () => {
  it('contains only the changed paths', () => {
    const after = structuredClone(acme);
    after.Name = 'Acme Holding AS';
    after.Address.Postal.City = 'Bergen';
    after.CustomFields['SuperOffice:2'] = '[I:42]';
    expect(diffJsonPatch(acme, after)).toStrictEqual([
      { op: 'replace', path: '/Name', value: 'Acme Holding AS' },
      { op: 'replace', path: '/Address/Postal/City', value: 'Bergen' },
      { op: 'replace', path: '/CustomFields/SuperOffice:2', value: '[I:42]' },
    ]);
  });

  it('is empty for equal records, even with different key order', () => {
    const reordered = Object.fromEntries(Object.entries(structuredClone(acme)).reverse());
    expect(diffJsonPatch(acme, reordered)).toStrictEqual([]);
  });

  it('adds new keys, removes dropped keys, and replaces null with an object', () => {
    expect(diffJsonPatch({ A: 1, B: 2, C: null }, { A: 1, C: { X: 1 }, D: 'new' })).toStrictEqual([
      { op: 'remove', path: '/B' },
      { op: 'replace', path: '/C', value: { X: 1 } },
      { op: 'add', path: '/D', value: 'new' },
    ]);
  });

  it('treats an undefined value in after as removed', () => {
    expect(diffJsonPatch({ A: 1, B: 2 }, { A: 1, B: undefined })).toStrictEqual([
      { op: 'remove', path: '/B' },
    ]);
  });

  it('replaces a changed array as a whole by default (§12: an array replaces the array)', () => {
    const after = { ...acme, Emails: [{ Value: 'post@acme.no' }, { Value: 'sales@acme.no' }] };
    expect(diffJsonPatch(acme, after)).toStrictEqual([
      { op: 'replace', path: '/Emails', value: [{ Value: 'post@acme.no' }, { Value: 'sales@acme.no' }] },
    ]);
  });

  it('appends with /- in append mode, and falls back to replace for other array changes', () => {
    const appended = { Emails: [{ Value: 'a' }, { Value: 'b' }, { Value: 'c' }] };
    expect(diffJsonPatch({ Emails: [{ Value: 'a' }] }, appended, { arrays: 'append' })).toStrictEqual([
      { op: 'add', path: '/Emails/-', value: { Value: 'b' } },
      { op: 'add', path: '/Emails/-', value: { Value: 'c' } },
    ]);
    expect(
      diffJsonPatch({ Emails: [{ Value: 'a' }] }, { Emails: [{ Value: 'z' }] }, { arrays: 'append' }),
    ).toStrictEqual([{ op: 'replace', path: '/Emails', value: [{ Value: 'z' }] }]);
  });

  it('escapes ~ and / in keys (RFC 6901)', () => {
    expect(diffJsonPatch({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 })).toStrictEqual([
      { op: 'replace', path: '/a~1b', value: 2 },
      { op: 'replace', path: '/c~0d', value: 2 },
    ]);
    expect(escapePointerSegment('~/~1')).toBe('~0~1~01');
    expect(parsePointer(toPointer(['~/~1', 'x']))).toStrictEqual(['~/~1', 'x']);
    expect(parsePointer('Name')).toStrictEqual(['Name']);
  });

  it('skips ignored paths', () => {
    const ops = diffJsonPatch(
      { CustomFields: { 'SuperOffice:1:DisplayText': 'a', 'SuperOffice:1': '[I:1]' } },
      { CustomFields: { 'SuperOffice:1:DisplayText': 'b', 'SuperOffice:1': '[I:2]' } },
      { ignore: (segments) => segments.at(-1)?.endsWith(':DisplayText') === true },
    );
    expect(ops).toStrictEqual([{ op: 'replace', path: '/CustomFields/SuperOffice:1', value: '[I:2]' }]);
  });
});

describe('createPatch test operations', () => {
  it('test: true asserts the previous value of replaced and removed paths, first', () => {
    const ops = createPatch(
      { Name: 'Acme AS', OrgNr: '1', Old: 'x' },
      { Name: 'Acme Holding AS', OrgNr: '1', New: 'y' },
      {
        test: true,
      },
    );
    expect(ops).toStrictEqual([
      { op: 'test', path: '/Old', value: 'x' },
      { op: 'test', path: '/Name', value: 'Acme AS' },
      { op: 'remove', path: '/Old' },
      { op: 'replace', path: '/Name', value: 'Acme Holding AS' },
      { op: 'add', path: '/New', value: 'y' },
    ]);
  });

  it('named paths take their value from before; explicit assertions pass through', () => {
    const before = { Name: 'A', UpdatedDate: '2026-05-01T10:00:00' };
    expect(
      createPatch(before, { ...before, Name: 'B' }, { test: ['UpdatedDate', { path: 'Name', value: 'A' }] }),
    ).toStrictEqual([
      { op: 'test', path: '/UpdatedDate', value: '2026-05-01T10:00:00' },
      { op: 'test', path: '/Name', value: 'A' },
      { op: 'replace', path: '/Name', value: 'B' },
    ]);
  });

  it('refuses a test path the record does not have, naming it', () => {
    let caught: unknown;
    try {
      createPatch({ Name: 'A' }, { Name: 'B' }, { test: ['Missing'] });
    } catch (error) {
      caught = error;
    }
    expect(isSuperOfficeError(caught, 'validation')).toBe(true);
    expect((caught as Error).message).toContain('"Missing"');
  });

  it('sends no tests when nothing changed', () => {
    expect(createPatch({ Name: 'A' }, { Name: 'A' }, { test: true })).toStrictEqual([]);
  });
});
