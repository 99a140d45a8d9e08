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
 * customer class through a table (edit it for the company; unmapped categories fall back to `STD`). Deleted
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
      target: 'customerClassId',
      rule: { kind: 'copy', from: 'Category.Value' },
      pipe: [
        {
          op: 'mapList',
          table: { 'Key account': 'KEY', Customer: 'STD', Prospect: 'PROSPECT', Partner: 'PARTNER' },
          ignoreCase: true,
          unmapped: 'default',
          default: 'STD',
        },
      ],
    },
    { target: 'status', rule: { kind: 'constant', value: 'Active' }, direction: 'source_to_target' },
  ],
};
