import assert from 'node:assert/strict';
import { compileMapping, type MappingContext, type MappingSpec } from '@databridge/core';
import jsonata from 'jsonata';
import type { Suite } from '../harness.ts';

/** Synthetic SuperOffice companies; the suite iterates this pool, one record per measured operation. */
const POOL_SIZE = 4096;
const CATEGORIES = ['Key account', 'Customer', 'Prospect', 'Partner', 'Supplier'];
const CLASSES: Record<string, string> = {
  'Key account': 'KEY',
  Customer: 'STD',
  Prospect: 'PROSPECT',
  Partner: 'PARTNER',
};
const VAT_ZONES: Record<string, string> = { Norge: '01', Sverige: '02', Danmark: '03' };
const COUNTRIES = [
  { Name: 'Norge', TwoLetterISOCountry: 'no' },
  { Name: 'Sverige', TwoLetterISOCountry: 'se' },
  { Name: 'Danmark', TwoLetterISOCountry: 'dk' },
];

/** A channel value. */
interface Channel {
  readonly Value?: string;
}
/** A postal or street address. */
interface SyntheticAddress {
  readonly Address1?: string;
  readonly Address2?: string;
  readonly Zipcode?: string;
  readonly City?: string;
}
/** The shape of the synthetic companies (a SuperOffice Contact plus a few extra fields). */
interface SyntheticContact {
  readonly ContactId: number;
  readonly Name?: string;
  readonly Department?: string;
  readonly OrgNr?: string;
  readonly Number1?: string;
  readonly Number2?: string;
  readonly Emails?: readonly Channel[];
  readonly InvoiceEmail?: string;
  readonly Phones?: readonly Channel[];
  readonly Urls?: readonly Channel[];
  readonly Address?: { readonly Postal?: SyntheticAddress; readonly Street?: SyntheticAddress };
  readonly Country?: { readonly Name?: string; readonly TwoLetterISOCountry?: string } | undefined;
  readonly Category?: { readonly Id?: number; readonly Value?: string | undefined };
  readonly Currency?: string;
  readonly CreditLimit?: string;
  readonly Employees?: string;
}

function syntheticContact(i: number): SyntheticContact {
  const country = COUNTRIES[i % COUNTRIES.length];
  return {
    ContactId: i,
    Name: `  Fjord Fisk ${i} AS `,
    Department: i % 3 === 0 ? 'Sales' : 'Head office',
    OrgNr: `912 345 ${String(i % 1000).padStart(3, '0')}`,
    Number1: String(10000 + i),
    Number2: `N-${i}`,
    Emails: [{ Value: ` Post${i}@FjordFisk.no ` }],
    ...(i % 4 === 0 ? { InvoiceEmail: `Invoice${i}@FjordFisk.no` } : {}),
    Phones: [{ Value: ' +47 22 33 44 55 ' }],
    Urls: [{ Value: 'https://fjordfisk.no' }],
    Address: {
      Postal: {
        Address1: ` Postboks ${i} `,
        ...(i % 2 === 0 ? { Address2: 'c/o Bryggen' } : {}),
        Zipcode: '0150',
        City: 'Oslo',
      },
      Street: { Address1: 'Bryggen 3', Zipcode: '5003', City: 'Bergen' },
    },
    Country: country,
    Category: { Id: i % 5, Value: CATEGORIES[i % CATEGORIES.length] },
    ...(i % 5 === 0 ? {} : { Currency: 'EUR' }),
    CreditLimit: `${(i % 100) * 1000}.50`,
    Employees: String(i % 500),
  };
}

const pool = Array.from({ length: POOL_SIZE }, (_, i) => syntheticContact(i));
let next = 0;
const nextRecord = (): SyntheticContact => pool[next++ & (POOL_SIZE - 1)] as SyntheticContact;

const copy = (from: string) => ({ kind: 'copy', from }) as const;
const trim = [{ op: 'trim' }] as const;

/** The 30-field SuperOffice Contact → Visma Customer mapping measured here. */
export const BENCH_SPEC: MappingSpec = {
  version: 1,
  fields: [
    { target: 'name', rule: copy('Name'), pipe: trim, required: true },
    { target: 'number', rule: copy('Number1'), pipe: trim },
    {
      target: 'corporateId',
      rule: copy('OrgNr'),
      pipe: [{ op: 'regexReplace', pattern: '[\\s.-]', replacement: '' }],
    },
    { target: 'mainAddress.addressLine1', rule: copy('Address.Postal.Address1'), pipe: trim },
    { target: 'mainAddress.addressLine2', rule: copy('Address.Postal.Address2'), pipe: trim },
    { target: 'mainAddress.postalCode', rule: copy('Address.Postal.Zipcode'), pipe: trim },
    { target: 'mainAddress.city', rule: copy('Address.Postal.City'), pipe: trim },
    { target: 'mainAddress.countryId', rule: copy('Country.TwoLetterISOCountry'), pipe: [{ op: 'upper' }] },
    { target: 'invoiceAddress.addressLine1', rule: copy('Address.Postal.Address1') },
    { target: 'invoiceAddress.postalCode', rule: copy('Address.Postal.Zipcode') },
    { target: 'invoiceAddress.city', rule: copy('Address.Postal.City') },
    { target: 'deliveryAddress.addressLine1', rule: copy('Address.Street.Address1') },
    { target: 'deliveryAddress.postalCode', rule: copy('Address.Street.Zipcode') },
    { target: 'deliveryAddress.city', rule: copy('Address.Street.City') },
    { target: 'mainContact.name', rule: copy('Name'), pipe: trim },
    { target: 'mainContact.email', rule: copy('Emails[0].Value'), pipe: [{ op: 'trim' }, { op: 'lower' }] },
    { target: 'mainContact.phone1', rule: copy('Phones[0].Value'), pipe: trim },
    { target: 'mainContact.web', rule: copy('Urls[0].Value') },
    {
      target: 'invoiceContact.email',
      rule: { kind: 'first', from: ['InvoiceEmail', 'Emails[0].Value'] },
      pipe: [{ op: 'trim' }, { op: 'lower' }],
    },
    {
      target: 'customerClassId',
      rule: copy('Category.Value'),
      pipe: [{ op: 'mapList', table: CLASSES, unmapped: 'default', default: 'STD' }],
    },
    { target: 'status', rule: { kind: 'constant', value: 'Active' } },
    { target: 'currencyId', rule: copy('Currency'), pipe: [{ op: 'default', value: 'NOK' }] },
    { target: 'creditLimit', rule: copy('CreditLimit'), pipe: [{ op: 'parseNumber' }] },
    { target: 'numberOfEmployees', rule: copy('Employees'), pipe: [{ op: 'parseNumber' }] },
    { target: 'note', rule: { kind: 'concat', from: ['Department', 'Number2'], separator: ' / ' } },
    { target: 'accountReference', rule: copy('Number2') },
    { target: 'parentRecordNumber', rule: copy('Number1') },
    {
      target: 'vatZoneId',
      rule: copy('Country.Name'),
      pipe: [{ op: 'lookup', cache: 'vatZones', unmapped: 'default' }],
    },
    { target: 'printInvoices', rule: { kind: 'constant', value: false } },
    { target: 'sendInvoicesByEmail', rule: { kind: 'constant', value: true } },
  ],
};

const context: MappingContext = { lookups: { vatZones: new Map(Object.entries(VAT_ZONES)) } };
const compiled = compileMapping(BENCH_SPEC);
const generated = compileMapping(BENCH_SPEC, { backend: 'codegen' });

/** The same mapping in JSONata 2.x. */
const expression = jsonata(`(
  $t := function($s) { $exists($s) ? $trim($s) };
  $class := $lookup($classes, Category.Value);
  {
    "name": $t(Name),
    "number": $t(Number1),
    "corporateId": $replace(OrgNr, /[\\s.-]/, ""),
    "mainAddress": {
      "addressLine1": $t(Address.Postal.Address1),
      "addressLine2": $t(Address.Postal.Address2),
      "postalCode": $t(Address.Postal.Zipcode),
      "city": $t(Address.Postal.City),
      "countryId": $uppercase(Country.TwoLetterISOCountry)
    },
    "invoiceAddress": {
      "addressLine1": Address.Postal.Address1,
      "postalCode": Address.Postal.Zipcode,
      "city": Address.Postal.City
    },
    "deliveryAddress": {
      "addressLine1": Address.Street.Address1,
      "postalCode": Address.Street.Zipcode,
      "city": Address.Street.City
    },
    "mainContact": {
      "name": $t(Name),
      "email": $lowercase($t(Emails[0].Value)),
      "phone1": $t(Phones[0].Value),
      "web": Urls[0].Value
    },
    "invoiceContact": { "email": $lowercase($t(InvoiceEmail ? InvoiceEmail : Emails[0].Value)) },
    "customerClassId": $exists($class) ? $class : "STD",
    "status": "Active",
    "currencyId": Currency ? Currency : "NOK",
    "creditLimit": $number(CreditLimit),
    "numberOfEmployees": $number(Employees),
    "note": $join([Department, Number2][$ != ""], " / "),
    "accountReference": Number2,
    "parentRecordNumber": Number1,
    "vatZoneId": $lookup($vatZones, Country.Name),
    "printInvoices": false,
    "sendInvoicesByEmail": true
  }
)`);
const bindings = { classes: CLASSES, vatZones: VAT_ZONES };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const trimmed = (value: unknown): string | undefined => text(value)?.trim();
const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The same mapping written by hand, as a developer would without an engine. */
function handWritten(r: SyntheticContact): Record<string, unknown> {
  const postal = r.Address?.Postal;
  const street = r.Address?.Street;
  const email = r.Emails?.[0]?.Value;
  const invoiceEmail = blank(r.InvoiceEmail) ? email : r.InvoiceEmail;
  const note = [r.Department, r.Number2].filter((part) => !blank(part)).join(' / ');
  const mainAddress: Record<string, unknown> = {
    addressLine1: trimmed(postal?.Address1),
    postalCode: trimmed(postal?.Zipcode),
    city: trimmed(postal?.City),
    countryId: text(r.Country?.TwoLetterISOCountry)?.toUpperCase(),
  };
  const line2 = trimmed(postal?.Address2);
  if (line2 !== undefined) mainAddress.addressLine2 = line2;
  return {
    name: trimmed(r.Name),
    number: trimmed(r.Number1),
    corporateId: text(r.OrgNr)?.replace(/[\s.-]/g, ''),
    mainAddress,
    invoiceAddress: { addressLine1: postal?.Address1, postalCode: postal?.Zipcode, city: postal?.City },
    deliveryAddress: { addressLine1: street?.Address1, postalCode: street?.Zipcode, city: street?.City },
    mainContact: {
      name: trimmed(r.Name),
      email: trimmed(email)?.toLowerCase(),
      phone1: trimmed(r.Phones?.[0]?.Value),
      web: r.Urls?.[0]?.Value,
    },
    invoiceContact: { email: trimmed(invoiceEmail)?.toLowerCase() },
    customerClassId: CLASSES[r.Category?.Value ?? ''] ?? 'STD',
    status: 'Active',
    currencyId: blank(r.Currency) ? 'NOK' : r.Currency,
    creditLimit: blank(r.CreditLimit) ? undefined : Number(r.CreditLimit),
    numberOfEmployees: blank(r.Employees) ? undefined : Number(r.Employees),
    note: note === '' ? undefined : note,
    accountReference: r.Number2,
    parentRecordNumber: r.Number1,
    vatZoneId: VAT_ZONES[r.Country?.Name ?? ''],
    printInvoices: false,
    sendInvoicesByEmail: true,
  };
}

// The three must agree before their speeds mean anything (undefined fields dropped, as JSON would).
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
for (const record of pool.slice(0, 64)) {
  const result = compiled(record, context);
  assert.equal(result.status, 'mapped');
  const output = result.status === 'mapped' ? result.output : undefined;
  assert.deepEqual(plain(handWritten(record)), plain(output));
  assert.deepEqual(plain(await expression.evaluate(record, bindings)), plain(output));
  assert.deepEqual(generated(record, context), result);
}

// Every contender gets the same warm-up (the subject is measured first, so it would otherwise pay for the JIT).
for (let round = 0; round < 2 * POOL_SIZE; round++) {
  const record = nextRecord();
  compiled(record, context);
  generated(record, context);
  handWritten(record);
  await expression.evaluate(record, bindings);
}

/** 30-field mapping: the compiled engine against JSONata 2.x and a hand-written function (ops/s = records/s). */
export const mappingSuite: Suite = {
  name: 'mapping',
  description:
    '30-field mapping per record: compiled engine vs JSONata 2.x vs hand-written JS (ops/s = records/s)',
  subject: { name: 'compileMapping', fn: () => compiled(nextRecord(), context) },
  peers: [
    { name: 'jsonata', fn: async () => await expression.evaluate(nextRecord(), bindings) },
    { name: 'hand-written', fn: () => handWritten(nextRecord()) },
  ],
  goals: [
    { peer: 'jsonata', minRatio: 50 },
    { peer: 'hand-written', minRatio: 0.5 },
  ],
};

/** The same mapping with the opt-in codegen backend (trusted server paths), against the hand-written function. */
export const mappingCodegenSuite: Suite = {
  name: 'mapping-codegen',
  description: '30-field mapping per record: codegen backend vs hand-written JS (ops/s = records/s)',
  subject: { name: 'compileMapping (codegen)', fn: () => generated(nextRecord(), context) },
  peers: [{ name: 'hand-written', fn: () => handWritten(nextRecord()) }],
  goals: [{ peer: 'hand-written', minRatio: 0.5 }],
};
