import type { MappingSpec } from '../spec-types.js';

/**
 * Visma.net Customer → SuperOffice company (Contact): name, number → `Number1` (the ERP customer number, §21),
 * corporateId → OrgNr, main address → postal address, main contact → first e-mail and phone, the country through the
 * per-run cache `superofficeCountryIdByIso` (ISO code → Country list id; unknown countries are left unset) and the
 * customer class → Category id through the cache `superofficeCategoryIdByClass`.
 */
export const VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT: MappingSpec = {
  version: 1,
  name: 'Visma Customer → SuperOffice Contact',
  source: 'visma.customer',
  target: 'superoffice.contact',
  fields: [
    { target: 'Name', rule: { kind: 'copy', from: 'name' }, pipe: [{ op: 'trim' }], required: true },
    { target: 'Number1', rule: { kind: 'copy', from: 'number' }, pipe: [{ op: 'trim' }] },
    { target: 'OrgNr', rule: { kind: 'copy', from: 'corporateId' }, pipe: [{ op: 'trim' }] },
    { target: 'Address.Postal.Address1', rule: { kind: 'copy', from: 'mainAddress.addressLine1' } },
    { target: 'Address.Postal.Address2', rule: { kind: 'copy', from: 'mainAddress.addressLine2' } },
    { target: 'Address.Postal.Zipcode', rule: { kind: 'copy', from: 'mainAddress.postalCode' } },
    { target: 'Address.Postal.City', rule: { kind: 'copy', from: 'mainAddress.city' } },
    {
      target: 'Country.CountryId',
      rule: { kind: 'copy', from: 'mainAddress.country.id' },
      pipe: [{ op: 'lookup', cache: 'superofficeCountryIdByIso', ignoreCase: true, unmapped: 'default' }],
    },
    {
      target: 'Category.Id',
      rule: { kind: 'copy', from: 'customerClass.id' },
      pipe: [{ op: 'lookup', cache: 'superofficeCategoryIdByClass', unmapped: 'default' }],
    },
    {
      target: 'Emails[0].Value',
      rule: { kind: 'first', from: ['mainContact.email', 'invoiceContact.email'] },
      pipe: [{ op: 'trim' }, { op: 'lower' }],
    },
    { target: 'Phones[0].Value', rule: { kind: 'copy', from: 'mainContact.phone1' }, pipe: [{ op: 'trim' }] },
  ],
};
