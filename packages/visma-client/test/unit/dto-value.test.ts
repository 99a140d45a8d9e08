import { describe, expect, it } from 'vitest';
import { DTO_VALUE_RULES, toDtoValue } from '../../src/resources/index.js';

describe('toDtoValue', () => {
  it('wraps every scalar, including falsy ones', () => {
    expect(
      toDtoValue({ name: 'Acme', creditLimit: 0, printInvoices: false, numberOfEmployees: 12 }),
    ).toStrictEqual({
      name: { value: 'Acme' },
      creditLimit: { value: 0 },
      printInvoices: { value: false },
      numberOfEmployees: { value: 12 },
    });
  });

  it('wraps nested objects and their fields again (visma-net.md §5.2 address example)', () => {
    const body = toDtoValue({
      mainAddress: { addressLine1: 'Karenslyst Alle 56', postalCode: '0277', city: 'Oslo' },
    });
    expect(JSON.stringify(body)).toBe(
      '{"mainAddress":{"value":{"addressLine1":{"value":"Karenslyst Alle 56"},"postalCode":{"value":"0277"},"city":{"value":"Oslo"}}}}',
    );
  });

  it('produces the documented minimum customer create byte for byte', () => {
    const body = toDtoValue({
      number: '10000',
      name: 'NewCustomer',
      overrideWithClassValues: true,
      customerClassId: '1',
      mainAddress: { addressLine1: 'TestRoad 13', postalCode: '0101', countryId: 'NO' },
    });
    expect(JSON.stringify(body)).toBe(
      '{"number":{"value":"10000"},"name":{"value":"NewCustomer"},"overrideWithClassValues":true,' +
        '"customerClassId":{"value":"1"},' +
        '"mainAddress":{"value":{"addressLine1":{"value":"TestRoad 13"},"postalCode":{"value":"0101"},"countryId":{"value":"NO"}}}}',
    );
  });

  it('produces the documented invoice with lines byte for byte: the array and operation stay plain', () => {
    const body = toDtoValue({
      customerNumber: '10000',
      documentDate: '2026-05-01',
      invoiceLines: [{ operation: 'Insert', inventoryNumber: 'CONSULT', quantity: 10, uom: 'HOUR' }],
    });
    expect(JSON.stringify(body)).toBe(
      '{"customerNumber":{"value":"10000"},"documentDate":{"value":"2026-05-01"},' +
        '"invoiceLines":[{"operation":"Insert","inventoryNumber":{"value":"CONSULT"},"quantity":{"value":10},"uom":{"value":"HOUR"}}]}',
    );
  });

  it('sends subaccount segments as a plain array, inside lines too', () => {
    const segments = [
      { segmentId: 1, segmentValue: '100' },
      { segmentId: 2, segmentValue: 'OSL' },
    ];
    expect(
      toDtoValue({ invoiceLines: [{ operation: 'Insert', description: 'Work', subaccount: segments }] }),
    ).toStrictEqual({
      invoiceLines: [{ operation: 'Insert', description: { value: 'Work' }, subaccount: segments }],
    });
    expect(toDtoValue({ subaccount: segments })).toStrictEqual({ subaccount: segments });
  });

  it.each([
    ['directDebitLines', { operation: 'Insert', mandateId: 'M-1', isDefault: true }],
    ['attributeLines', { operation: 'Update', attributeId: 'SEGMENT', attributeValue: 'B2B' }],
    ['taxDetailLines', { operation: 'Delete', taxId: 'VAT25', taxableAmount: 100 }],
  ] as const)('keeps %s a plain array whose lines are wrapped field by field', (field, line) => {
    const { operation, ...fields } = line;
    const wrapped = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { value }]));
    expect(toDtoValue({ [field]: [line] })).toStrictEqual({ [field]: [{ operation, ...wrapped }] });
  });

  it('wraps `operation` outside a line: only the line operation is an exception', () => {
    expect(toDtoValue({ operation: 'Insert' })).toStrictEqual({ operation: { value: 'Insert' } });
  });

  it('drops undefined and null everywhere (partial PUT) and keeps "" (clears the field)', () => {
    const body = toDtoValue({
      name: '',
      note: null,
      gln: undefined,
      mainAddress: { city: 'Oslo', county: null, postalCode: undefined, addressLine2: '' },
      invoiceAddress: { city: undefined, countryId: null },
      invoiceLines: [null, { operation: 'Insert', description: null, quantity: 2, subaccount: [null] }],
    });
    expect(body).toStrictEqual({
      name: { value: '' },
      mainAddress: { value: { city: { value: 'Oslo' }, addressLine2: { value: '' } } },
      invoiceLines: [{ operation: 'Insert', quantity: { value: 2 }, subaccount: [] }],
    });
  });

  it('passes unicode through unchanged', () => {
    const name = 'Ærlig Øl & Åsen – 東京支店 😀';
    const body = toDtoValue({ name, mainContact: { attention: 'Søren Kierkegård' } });
    expect(JSON.parse(JSON.stringify(body))).toStrictEqual({
      name: { value: name },
      mainContact: { value: { attention: { value: 'Søren Kierkegård' } } },
    });
  });

  it('sends a Date as its ISO string and wraps arrays the rules do not name as one value', () => {
    expect(
      toDtoValue({ documentDate: new Date('2026-05-01T00:00:00Z'), tags: ['a', null, 'b'] }),
    ).toStrictEqual({
      documentDate: { value: '2026-05-01T00:00:00.000Z' },
      tags: { value: ['a', 'b'] },
    });
  });

  it('follows custom rules extending the documented ones', () => {
    const rules = { ...DTO_VALUE_RULES, lineArrays: [...DTO_VALUE_RULES.lineArrays, 'salesPersons'] };
    expect(
      toDtoValue({ salesPersons: [{ operation: 'Insert', salesPersonId: 'SP1' }] }, { rules }),
    ).toStrictEqual({
      salesPersons: [{ operation: 'Insert', salesPersonId: { value: 'SP1' } }],
    });
  });

  it('does not modify its input', () => {
    const write = { name: 'Acme', mainAddress: { city: 'Oslo', county: undefined } };
    const copy = structuredClone(write);
    toDtoValue(write);
    expect(write).toStrictEqual(copy);
  });

  it('refuses a line array that is not an array', () => {
    expect(() => toDtoValue({ invoiceLines: { operation: 'Insert' } })).toThrow(TypeError);
  });
});
