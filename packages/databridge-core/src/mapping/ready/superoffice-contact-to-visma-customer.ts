import type { FieldSpec, MappingSpec } from '../spec-types.js';

const address = (target: string, part: 'Postal' | 'Street'): FieldSpec[] => [
  {
    target: `${target}.addressLine1`,
    rule: { kind: 'copy', from: `Address.${part}.Address1` },
    pipe: [{ op: 'trim' }],
  },
  {
    target: `${target}.addressLine2`,
    rule: { kind: 'copy', from: `Address.${part}.Address2` },
    pipe: [{ op: 'trim' }],
  },
  {
    target: `${target}.postalCode`,
    rule: { kind: 'copy', from: `Address.${part}.Zipcode` },
    pipe: [{ op: 'trim' }],
  },
  { target: `${target}.city`, rule: { kind: 'copy', from: `Address.${part}.City` }, pipe: [{ op: 'trim' }] },
  {
    target: `${target}.countryId`,
    rule: { kind: 'copy', from: 'Country.TwoLetterISOCountry' },
    pipe: [{ op: 'trim' }, { op: 'upper' }],
  },
];

/**
 * SuperOffice company (Contact) → Visma.net Customer (visma-net.md §7.7): Name, OrgNr → corporateId, postal address
 * → main and invoice address, street address → delivery address, first e-mail/phone/URL → main contact, Category →
 * customer class through the per-run cache `vismaCustomerClassIdByCategory` (lower-case category names → the company's class
 * ids; optional: without it Visma applies its default class). Deleted
 * companies are skipped.
 */
export const SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER: MappingSpec = {
  version: 1,
  name: 'SuperOffice Contact → Visma Customer',
  source: 'superoffice.contact',
  target: 'visma.customer',
  skip: [{ path: 'Deleted', is: 'equals', value: 1, reason: 'the company is deleted in SuperOffice' }],
  fields: [
    { target: 'name', rule: { kind: 'copy', from: 'Name' }, pipe: [{ op: 'trim' }], required: true },
    {
      target: 'corporateId',
      rule: { kind: 'copy', from: 'OrgNr' },
      pipe: [{ op: 'regexReplace', pattern: '[\\s.-]', replacement: '' }],
    },
    ...address('mainAddress', 'Postal'),
    ...address('invoiceAddress', 'Postal'),
    ...address('deliveryAddress', 'Street'),
    { target: 'mainContact.name', rule: { kind: 'copy', from: 'Name' }, pipe: [{ op: 'trim' }] },
    {
      target: 'mainContact.email',
      rule: { kind: 'copy', from: 'Emails[0].Value' },
      pipe: [{ op: 'trim' }, { op: 'lower' }],
    },
    { target: 'mainContact.phone1', rule: { kind: 'copy', from: 'Phones[0].Value' }, pipe: [{ op: 'trim' }] },
    { target: 'mainContact.web', rule: { kind: 'copy', from: 'Urls[0].Value' }, pipe: [{ op: 'trim' }] },
    {
      // Class ids differ per Visma company, so they come from the profile (options.lookups); unmapped categories
      // leave the field out and Visma applies the company's default class.
      target: 'customerClassId',
      rule: { kind: 'copy', from: 'Category.Value' },
      pipe: [
        { op: 'lookup', cache: 'vismaCustomerClassIdByCategory', ignoreCase: true, unmapped: 'default' },
      ],
    },
    { target: 'status', rule: { kind: 'constant', value: 'Active' }, direction: 'source_to_target' },
  ],
};
