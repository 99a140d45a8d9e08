import type { MappingSpec } from '../spec-types.js';

/**
 * SuperOffice Person → Visma.net Contact (visma-net.md §7.7): `businessAccount` is the customer number of the
 * person's company, from the per-run cache `vismaCustomerNumberByContactId`; a person whose company is not synced is
 * skipped. Retired persons become inactive contacts.
 */
export const SUPEROFFICE_PERSON_TO_VISMA_CONTACT: MappingSpec = {
  version: 1,
  name: 'SuperOffice Person → Visma Contact',
  source: 'superoffice.person',
  target: 'visma.contact',
  skip: [{ path: 'Contact.ContactId', is: 'empty', reason: 'the person belongs to no company' }],
  fields: [
    { target: 'firstName', rule: { kind: 'copy', from: 'Firstname' }, pipe: [{ op: 'trim' }] },
    { target: 'lastName', rule: { kind: 'copy', from: 'Lastname' }, pipe: [{ op: 'trim' }], required: true },
    { target: 'position', rule: { kind: 'copy', from: 'Title' }, pipe: [{ op: 'trim' }] },
    {
      target: 'email',
      rule: { kind: 'copy', from: 'Emails[0].Value' },
      pipe: [{ op: 'trim' }, { op: 'lower' }],
    },
    { target: 'phone1', rule: { kind: 'copy', from: 'OfficePhones[0].Value' }, pipe: [{ op: 'trim' }] },
    { target: 'phone2', rule: { kind: 'copy', from: 'MobilePhones[0].Value' }, pipe: [{ op: 'trim' }] },
    {
      target: 'active',
      rule: { kind: 'copy', from: 'Retired' },
      pipe: [
        { op: 'mapList', table: { true: false, false: true }, unmapped: 'default', default: true },
        { op: 'default', value: true },
      ],
    },
    {
      target: 'businessAccount',
      rule: { kind: 'copy', from: 'Contact.ContactId' },
      pipe: [{ op: 'lookup', cache: 'vismaCustomerNumberByContactId', unmapped: 'skip_record' }],
    },
  ],
};

/**
 * Visma.net Contact → SuperOffice Person: the company is found through the per-run cache
 * `superofficeContactIdByCustomerNumber`; a contact whose customer is not synced is skipped.
 */
export const VISMA_CONTACT_TO_SUPEROFFICE_PERSON: MappingSpec = {
  version: 1,
  name: 'Visma Contact → SuperOffice Person',
  source: 'visma.contact',
  target: 'superoffice.person',
  skip: [{ path: 'businessAccount', is: 'empty', reason: 'the contact belongs to no customer' }],
  fields: [
    { target: 'Firstname', rule: { kind: 'copy', from: 'firstName' }, pipe: [{ op: 'trim' }] },
    { target: 'Lastname', rule: { kind: 'copy', from: 'lastName' }, pipe: [{ op: 'trim' }], required: true },
    { target: 'Title', rule: { kind: 'copy', from: 'position' }, pipe: [{ op: 'trim' }] },
    {
      target: 'Emails[0].Value',
      rule: { kind: 'copy', from: 'email' },
      pipe: [{ op: 'trim' }, { op: 'lower' }],
    },
    { target: 'OfficePhones[0].Value', rule: { kind: 'copy', from: 'phone1' }, pipe: [{ op: 'trim' }] },
    { target: 'MobilePhones[0].Value', rule: { kind: 'copy', from: 'phone2' }, pipe: [{ op: 'trim' }] },
    {
      target: 'Contact.ContactId',
      rule: { kind: 'copy', from: 'businessAccount' },
      pipe: [
        { op: 'lookup', cache: 'superofficeContactIdByCustomerNumber', unmapped: 'skip_record' },
        // Link-table keys are text; SuperOffice ids are numbers.
        { op: 'parseNumber' },
      ],
    },
  ],
};
