import { describe, expect, it } from 'vitest';
import {
  compileMapping,
  type MappingContext,
  READY_MAPPINGS,
  SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER,
  SUPEROFFICE_PERSON_TO_VISMA_CONTACT,
  VISMA_CONTACT_TO_SUPEROFFICE_PERSON,
  VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT,
  VISMA_INVOICE_TO_SUPEROFFICE_SALE,
  validateMappingSpec,
  validateOutput,
} from '../../src/mapping/index.js';

const context: MappingContext = {
  lookups: {
    superofficeCountryIdByIso: new Map([['no', 578]]),
    superofficeCategoryIdByClass: { KEY: 4 },
    vismaCustomerClassIdByCategory: { 'key account': 'KEY' },
    vismaCustomerNumberByContactId: new Map([['17', '10023']]),
    superofficeContactIdByCustomerNumber: new Map([['10023', 17]]),
  },
};

const soContact = {
  ContactId: 17,
  Name: '  Fjord Fisk AS ',
  OrgNr: '912 345 678',
  Number1: '10023',
  Emails: [{ Value: ' Post@FjordFisk.no ', Description: 'Main' }],
  Phones: [{ Value: '+47 22 33 44 55' }],
  Urls: [{ Value: 'https://fjordfisk.no' }],
  Address: {
    Postal: { Address1: 'Postboks 12', Zipcode: '0150', City: 'Oslo' },
    Street: { Address1: 'Bryggen 3', Zipcode: '5003', City: 'Bergen' },
  },
  Country: { CountryId: 578, Name: 'Norge', TwoLetterISOCountry: 'no' },
  Category: { Id: 4, Value: 'Key account' },
  Deleted: 0,
};

function mapped(result: ReturnType<ReturnType<typeof compileMapping>>): Record<string, unknown> {
  if (result.status !== 'mapped') throw new Error(JSON.stringify(result));
  return result.output;
}

describe('ready-made mappings', () => {
  it('are valid specs', () => {
    for (const { spec } of Object.values(READY_MAPPINGS)) expect(validateMappingSpec(spec)).toEqual(spec);
  });

  it('SuperOffice Contact → Visma Customer', () => {
    const output = mapped(compileMapping(SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER)(soContact, context));
    expect(output).toEqual({
      name: 'Fjord Fisk AS',
      corporateId: '912345678',
      mainAddress: { addressLine1: 'Postboks 12', postalCode: '0150', city: 'Oslo', countryId: 'NO' },
      invoiceAddress: { addressLine1: 'Postboks 12', postalCode: '0150', city: 'Oslo', countryId: 'NO' },
      deliveryAddress: { addressLine1: 'Bryggen 3', postalCode: '5003', city: 'Bergen', countryId: 'NO' },
      mainContact: {
        name: 'Fjord Fisk AS',
        email: 'post@fjordfisk.no',
        phone1: '+47 22 33 44 55',
        web: 'https://fjordfisk.no',
      },
      customerClassId: 'KEY',
      status: 'Active',
    });
    expect(validateOutput('visma.customer', output)).toEqual([]);
    expect(compileMapping(SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER)({ ...soContact, Deleted: 1 })).toEqual({
      status: 'skipped',
      skipped: 'the company is deleted in SuperOffice',
    });
  });

  it('Visma Customer → SuperOffice Contact', () => {
    const customer = {
      internalId: 5,
      number: '10023',
      name: 'Fjord Fisk AS',
      corporateId: '912345678',
      mainAddress: {
        addressLine1: 'Postboks 12',
        postalCode: '0150',
        city: 'Oslo',
        country: { id: 'NO', name: 'Norway' },
      },
      mainContact: { email: 'Post@fjordfisk.no', phone1: '22334455' },
      customerClass: { id: 'KEY', description: 'Key accounts' },
    };
    const output = mapped(compileMapping(VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT)(customer, context));
    expect(output).toEqual({
      Name: 'Fjord Fisk AS',
      Number1: '10023',
      OrgNr: '912345678',
      Address: { Postal: { Address1: 'Postboks 12', Zipcode: '0150', City: 'Oslo' } },
      Country: { CountryId: 578 },
      Category: { Id: 4 },
      Emails: [{ Value: 'post@fjordfisk.no' }],
      Phones: [{ Value: '22334455' }],
    });
    expect(validateOutput('superoffice.contact', output)).toEqual([]);
  });

  it('SuperOffice Person ↔ Visma Contact', () => {
    const person = {
      PersonId: 301,
      Firstname: 'Åse',
      Lastname: 'Ødegård',
      Title: 'CFO',
      Contact: { ContactId: 17, Name: 'Fjord Fisk AS' },
      Emails: [{ Value: 'ase@fjordfisk.no' }],
      MobilePhones: [{ Value: '+47 900 00 000' }],
      Retired: false,
    };
    const contact = mapped(compileMapping(SUPEROFFICE_PERSON_TO_VISMA_CONTACT)(person, context));
    expect(contact).toEqual({
      firstName: 'Åse',
      lastName: 'Ødegård',
      position: 'CFO',
      email: 'ase@fjordfisk.no',
      phone2: '+47 900 00 000',
      active: true,
      businessAccount: '10023',
    });
    expect(validateOutput('visma.contact', contact)).toEqual([]);
    expect(
      compileMapping(SUPEROFFICE_PERSON_TO_VISMA_CONTACT)({ ...person, Contact: { ContactId: 99 } }, context),
    ).toEqual({
      status: 'skipped',
      skipped: 'businessAccount: value "99" is not in lookup "vismaCustomerNumberByContactId"',
    });

    const back = mapped(
      compileMapping(VISMA_CONTACT_TO_SUPEROFFICE_PERSON)({ contactId: 8, ...contact }, context),
    );
    expect(back).toEqual({
      Firstname: 'Åse',
      Lastname: 'Ødegård',
      Title: 'CFO',
      Emails: [{ Value: 'ase@fjordfisk.no' }],
      MobilePhones: [{ Value: '+47 900 00 000' }],
      Contact: { ContactId: 17 },
    });
    expect(validateOutput('superoffice.person', back)).toEqual([]);
  });

  it('Visma Customer Invoice → SuperOffice Sale', () => {
    const invoice = {
      referenceNumber: '000123',
      documentType: 'Invoice',
      customer: { number: '10023', name: 'Fjord Fisk AS' },
      documentDate: '2024-07-01T00:00:00',
      amount: 12500.5,
      invoiceText: 'Fish, July',
      hold: false,
    };
    const output = mapped(compileMapping(VISMA_INVOICE_TO_SUPEROFFICE_SALE)(invoice, context));
    expect(output).toEqual({
      Heading: 'Invoice 000123 Fish, July',
      Number: '000123',
      Amount: 12500.5,
      Saledate: '2024-07-01T00:00:00',
      Status: 'Sold',
      Probability: 100,
      Contact: { ContactId: 17 },
    });
    expect(validateOutput('superoffice.sale', output)).toEqual([]);
    expect(
      compileMapping(VISMA_INVOICE_TO_SUPEROFFICE_SALE)({ ...invoice, hold: true }, context),
    ).toMatchObject({
      status: 'skipped',
    });
  });
});

describe('validateOutput', () => {
  it('names the fields that the write schema refuses', () => {
    expect(
      validateOutput('visma.customer', {
        name: '',
        mainAddress: { countryId: 'Norway' },
        mainContact: { email: 'nope' },
        colour: 1,
      }),
    ).toEqual([
      { field: 'name', message: expect.any(String) },
      { field: 'mainAddress.countryId', message: 'must be an ISO 3166 alpha-2 code such as NO' },
      { field: 'mainContact.email', message: expect.any(String) },
      { field: '(record)', message: expect.stringContaining('colour') },
    ]);
    expect(validateOutput('superoffice.sale', { Contact: { ContactId: 'x' } })).toEqual([
      { field: 'Contact.ContactId', message: expect.any(String) },
    ]);
  });
});
