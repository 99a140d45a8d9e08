import { COUNTRIES, type VismaCompanyData } from './company-data.js';
import type { AddressDto, ContactInfoDto, CustomerDto, CustomerStatus, InvoiceLineDto } from './dtos.js';
import type { Prng } from './prng.js';
import { formatTimestamp } from './record-table.js';

/**
 * Deterministic seed data per company: Norwegian-ish customers, contacts, invoices and suppliers, plus customer
 * classes and credit terms. Same PRNG seed → same records, so tests can assert real values.
 */

/** How much to seed per company. */
export interface SeedSizes {
  /**
   * Customers (default 300). Contacts ≈ 1.3×; invoices ≈ customers/3 (at most 2000) and suppliers ≈ customers/10
   * (5 to 1000), so that 100k-customer benchmarks don't pay for records they don't read.
   */
  readonly customers: number;
}

const PREFIXES = [
  'Fjord',
  'Nord',
  'Vest',
  'Øst',
  'Sør',
  'Berg',
  'Dal',
  'Fjell',
  'Havn',
  'Skog',
  'Elv',
  'Bre',
  'Lys',
  'Vik',
  'Strand',
  'Kyst',
  'Midt',
  'Sol',
];
const SUFFIXES = [
  'teknikk',
  'bygg',
  'handel',
  'transport',
  'regnskap',
  'consult',
  'service',
  'marin',
  'fisk',
  'energi',
  'eiendom',
  'data',
  'design',
  'mat',
  'verksted',
  'rør',
  'elektro',
  'maskin',
];
const FORMS = ['AS', 'AS', 'AS', 'AS', 'ASA', 'ENK', 'DA', 'SA'];
const STREETS = [
  'Storgata',
  'Kirkegata',
  'Strandveien',
  'Fjordgata',
  'Industriveien',
  'Skolegata',
  'Bryggen',
  'Havnegata',
  'Kongens gate',
  'Dronningens gate',
  'Sjøgata',
  'Markveien',
];
const PLACES: ReadonlyArray<readonly [string, string, string]> = [
  ['0150', 'Oslo', 'Oslo'],
  ['0277', 'Oslo', 'Oslo'],
  ['5003', 'Bergen', 'Vestland'],
  ['7010', 'Trondheim', 'Trøndelag'],
  ['4006', 'Stavanger', 'Rogaland'],
  ['9008', 'Tromsø', 'Troms'],
  ['8006', 'Bodø', 'Nordland'],
  ['6002', 'Ålesund', 'Møre og Romsdal'],
  ['3015', 'Drammen', 'Buskerud'],
  ['4610', 'Kristiansand', 'Agder'],
  ['2317', 'Hamar', 'Innlandet'],
  ['1606', 'Fredrikstad', 'Østfold'],
];
const FIRST_NAMES = [
  'Ola',
  'Kari',
  'Per',
  'Ingrid',
  'Lars',
  'Anne',
  'Knut',
  'Silje',
  'Jon',
  'Marte',
  'Erik',
  'Nora',
  'Henrik',
  'Sigrid',
  'Sindre',
  'Solveig',
  'Magnus',
  'Ida',
];
const LAST_NAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Berg',
  'Haugen',
  'Dahl',
  'Lunde',
  'Bakke',
  'Solberg',
];
const POSITIONS = [
  'Daglig leder',
  'Økonomiansvarlig',
  'Innkjøper',
  'Regnskapsfører',
  'Salgssjef',
  'Prosjektleder',
];
const ITEMS: ReadonlyArray<readonly [string, string, string, number]> = [
  ['CONSULT', 'Konsulenttime', 'HOUR', 1250],
  ['SUPPORT', 'Support, månedlig', 'MONTH', 2490],
  ['LICENSE', 'Lisens, årlig', 'PIECE', 12000],
  ['TRAVEL', 'Reisekostnader', 'PIECE', 850],
  ['COURSE', 'Kursdag', 'DAY', 7900],
];

const MAX_INVOICES = 2000;
const MAX_SUPPLIERS = 1000;

/** Base of seeded times: records were created in 2023-2024 and modified 2024-2025 (UTC). */
const CREATED_FROM = Date.UTC(2023, 0, 1);
const MODIFIED_FROM = Date.UTC(2024, 0, 1);
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** A valid Norwegian organisation number (9 digits, MOD11 check digit, starting with 8 or 9). */
export function orgNumber(prng: Prng): string {
  for (;;) {
    const digits = [prng.pick([8, 9]), ...Array.from({ length: 7 }, () => prng.int(0, 9))];
    const weights = [3, 2, 7, 6, 5, 4, 3, 2];
    const sum = digits.reduce((acc, digit, i) => acc + digit * (weights[i] ?? 0), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replace(/[^a-z0-9]+/g, '');
}

function address(data: VismaCompanyData, prng: Prng): AddressDto {
  const [postalCode, city, county] = prng.pick(PLACES);
  const country = COUNTRIES.get('NO');
  return {
    addressId: data.nextAddressId(),
    addressLine1: `${prng.pick(STREETS)} ${prng.int(1, 120)}`,
    postalCode,
    city,
    ...(country ? { country } : {}),
    county,
  };
}

function status(prng: Prng): CustomerStatus {
  const draw = prng.next();
  if (draw < 0.88) return 'Active';
  if (draw < 0.94) return 'Inactive';
  if (draw < 0.97) return 'OnHold';
  return 'CreditHold';
}

/** Fills a fresh company with deterministic records. */
export function seedCompany(data: VismaCompanyData, prng: Prng, sizes: SeedSizes): void {
  seedReferenceData(data);
  const contactTarget: Array<{ customer: CustomerDto; domain: string }> = [];
  for (let i = 0; i < sizes.customers; i++) {
    const name = `${prng.pick(PREFIXES)}${prng.pick(SUFFIXES)} ${prng.pick(FORMS)}`;
    const domain = `${slug(name.replace(/ \S+$/, ''))}.no`;
    const org = orgNumber(prng);
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    const createdMs = CREATED_FROM + Math.floor(prng.next() * YEAR_MS);
    const modifiedMs = Math.max(createdMs, MODIFIED_FROM + Math.floor(prng.next() * 2 * YEAR_MS));
    const main = address(data, prng);
    const contact: ContactInfoDto = {
      contactId: data.nextContactId(),
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}@${domain}`,
      phone1: `+47 ${prng.int(40, 99)}${String(prng.int(0, 999_999)).padStart(6, '0')}`,
      web: `https://www.${domain}`,
    };
    const customerClass = prng.pick(data.customerClasses);
    const creditTerm = prng.pick(data.creditTerms);
    const customer: CustomerDto = {
      internalId: data.nextInternalId(),
      number: String(data.numbering.customer.next++),
      name,
      status: status(prng),
      mainAddress: main,
      invoiceAddress: prng.chance(0.7) ? { ...main, addressId: data.nextAddressId() } : address(data, prng),
      deliveryAddress: { ...main, addressId: data.nextAddressId() },
      mainContact: contact,
      invoiceContact: { ...contact, contactId: data.nextContactId(), email: `faktura@${domain}` },
      deliveryContact: { ...contact, contactId: data.nextContactId() },
      customerClass: { id: customerClass.id, description: customerClass.description },
      creditTerms: { id: creditTerm.id, description: creditTerm.description },
      currencyId: 'NOK',
      creditLimit: prng.pick([0, 50_000, 100_000, 250_000]),
      corporateId: org,
      vatRegistrationId: `NO${org}MVA`,
      createdDateTime: formatTimestamp(createdMs),
      lastModifiedDateTime: formatTimestamp(modifiedMs),
      timeStamp: data.nextTimeStamp(),
    };
    data.customers.insert(customer, createdMs, modifiedMs);
    contactTarget.push({ customer, domain });
  }
  for (const { customer, domain } of contactTarget) {
    const count = prng.chance(0.3) ? 2 : 1;
    for (let n = 0; n < count; n++) seedContact(data, prng, customer, domain);
  }
  seedInvoices(data, prng, Math.min(MAX_INVOICES, Math.ceil(sizes.customers / 3)));
  seedSuppliers(data, prng, Math.min(MAX_SUPPLIERS, Math.max(5, Math.ceil(sizes.customers / 10))));
}

function seedContact(data: VismaCompanyData, prng: Prng, customer: CustomerDto, domain: string): void {
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const createdMs = CREATED_FROM + Math.floor(prng.next() * YEAR_MS);
  const modifiedMs = Math.max(createdMs, MODIFIED_FROM + Math.floor(prng.next() * 2 * YEAR_MS));
  data.contacts.insert(
    {
      contactId: data.nextContactId(),
      displayName: `${firstName} ${lastName}`,
      active: prng.chance(0.95),
      firstName,
      lastName,
      position: prng.pick(POSITIONS),
      businessAccount: customer.number,
      businessAccountType: 'Customer',
      email: `${slug(firstName)}.${slug(lastName)}@${domain}`,
      phone1: `+47 ${prng.int(40, 99)}${String(prng.int(0, 999_999)).padStart(6, '0')}`,
      createdDateTime: formatTimestamp(createdMs),
      lastModifiedDateTime: formatTimestamp(modifiedMs),
      timeStamp: data.nextTimeStamp(),
    },
    createdMs,
    modifiedMs,
  );
}

function seedInvoices(data: VismaCompanyData, prng: Prng, count: number): void {
  const customers = data.customers.rows();
  if (customers.length === 0) return;
  for (let i = 0; i < count; i++) {
    const customer = prng.pick(customers).record;
    const createdMs = MODIFIED_FROM + Math.floor(prng.next() * 2 * YEAR_MS);
    const lines: InvoiceLineDto[] = Array.from({ length: prng.int(1, 3) }, (_, index) => {
      const [inventoryNumber, description, uom, price] = prng.pick(ITEMS);
      const quantity = prng.int(1, 20);
      return {
        lineNumber: index + 1,
        inventoryNumber,
        description,
        quantity,
        unitPriceInCurrency: price,
        amountInCurrency: quantity * price,
        discountPercent: 0,
        uom,
        vatCodeId: '3',
      };
    });
    const net = lines.reduce((sum, line) => sum + line.amountInCurrency, 0);
    const vat = Math.round(net * 25) / 100;
    const documentDate = formatTimestamp(createdMs).slice(0, 10);
    const open = prng.chance(0.4);
    data.invoices.insert(
      {
        referenceNumber: String(data.numbering.invoice.next++),
        documentType: 'Invoice',
        status: open ? 'Open' : 'Closed',
        hold: false,
        customer: { number: customer.number, name: customer.name },
        documentDate: `${documentDate}T00:00:00`,
        documentDueDate: `${formatTimestamp(createdMs + 14 * 24 * 3600 * 1000).slice(0, 10)}T00:00:00`,
        currencyId: 'NOK',
        amount: net + vat,
        amountInCurrency: net + vat,
        balance: open ? net + vat : 0,
        balanceInCurrency: open ? net + vat : 0,
        vatTotal: vat,
        invoiceLines: lines,
        attachments: [],
        ...(customer.creditTerms ? { creditTerms: customer.creditTerms } : {}),
        externalReference: `EXT-${prng.int(100_000, 999_999)}`,
        financialPeriod: documentDate.slice(0, 7).replace('-', ''),
        createdDateTime: formatTimestamp(createdMs),
        lastModifiedDateTime: formatTimestamp(createdMs),
        timeStamp: data.nextTimeStamp(),
      },
      createdMs,
      createdMs,
    );
  }
}

function seedSuppliers(data: VismaCompanyData, prng: Prng, count: number): void {
  for (let i = 0; i < count; i++) {
    const name = `${prng.pick(PREFIXES)}${prng.pick(SUFFIXES)} ${prng.pick(FORMS)}`;
    const org = orgNumber(prng);
    const createdMs = CREATED_FROM + Math.floor(prng.next() * YEAR_MS);
    const modifiedMs = Math.max(createdMs, MODIFIED_FROM + Math.floor(prng.next() * 2 * YEAR_MS));
    const supplierClass = prng.pick(data.supplierClasses);
    data.suppliers.insert(
      {
        internalId: data.nextInternalId(),
        number: String(data.numbering.supplier.next++),
        name,
        status: 'Active',
        mainAddress: address(data, prng),
        mainContact: {
          contactId: data.nextContactId(),
          name: `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`,
        },
        supplierClass,
        currencyId: 'NOK',
        corporateId: org,
        vatRegistrationId: `NO${org}MVA`,
        createdDateTime: formatTimestamp(createdMs),
        lastModifiedDateTime: formatTimestamp(modifiedMs),
        timeStamp: data.nextTimeStamp(),
      },
      createdMs,
      modifiedMs,
    );
  }
}

function seedReferenceData(data: VismaCompanyData): void {
  const classes: Array<[string, string]> = [
    ['1', 'Innenlands'],
    ['2', 'Utenlands'],
    ['3', 'Offentlig sektor'],
    ['4', 'Konsern'],
  ];
  for (const [id, description] of classes) {
    data.customerClasses.push({
      id,
      description,
      taxZoneId: id === '2' ? 'EXPORT' : 'NO',
      requiredTaxzoneId: false,
      paymentMethodId: 'BANK',
      attributes: [],
    });
  }
  data.supplierClasses.push(
    { id: '1', description: 'Leverandør innland' },
    { id: '2', description: 'Leverandør utland' },
  );
  const terms: Array<[string, string, number]> = [
    ['10D', '10 dager netto', 10],
    ['14D', '14 dager netto', 14],
    ['30D', '30 dager netto', 30],
    ['45D', '45 dager netto', 45],
    ['60D', '60 dager netto', 60],
    ['KONTANT', 'Kontant', 0],
    ['EOM', 'Slutten av måneden', 0],
  ];
  for (const [id, description, dueDays] of terms) {
    data.creditTerms.push({
      id,
      description,
      dueDateType: id === 'EOM' ? 'EndOfMonth' : 'FixedNumberOfDays',
      dueDays,
      discountDays: 0,
      discountPercent: 0,
    });
  }
}
