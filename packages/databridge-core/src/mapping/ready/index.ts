import type { MappingSpec } from '../spec-types.js';
import {
  SUPEROFFICE_PERSON_TO_VISMA_CONTACT,
  VISMA_CONTACT_TO_SUPEROFFICE_PERSON,
} from './person-contact.js';
import { SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER } from './superoffice-contact-to-visma-customer.js';
import type { MappingTarget } from './validate-output.js';
import { VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT } from './visma-customer-to-superoffice-contact.js';
import { VISMA_INVOICE_TO_SUPEROFFICE_SALE } from './visma-invoice-to-superoffice-sale.js';

export {
  SUPEROFFICE_PERSON_TO_VISMA_CONTACT,
  VISMA_CONTACT_TO_SUPEROFFICE_PERSON,
} from './person-contact.js';
export { SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER } from './superoffice-contact-to-visma-customer.js';
export { type MappingTarget, validateOutput, WRITE_SCHEMAS } from './validate-output.js';
export { VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT } from './visma-customer-to-superoffice-contact.js';
export { VISMA_INVOICE_TO_SUPEROFFICE_SALE } from './visma-invoice-to-superoffice-sale.js';
export {
  superOfficeContactWriteSchema,
  superOfficePersonWriteSchema,
  superOfficeSaleWriteSchema,
  vismaContactCreateSchema,
  vismaCustomerCreateSchema,
} from './write-schemas.js';

/** A ready-made mapping and the write target its output is validated against. */
export interface ReadyMapping {
  /** The spec. */
  readonly spec: MappingSpec;
  /** Its write target. */
  readonly target: MappingTarget;
}

/** Every ready-made mapping by name. */
export const READY_MAPPINGS: Readonly<Record<string, ReadyMapping>> = {
  'superoffice-contact-to-visma-customer': {
    spec: SUPEROFFICE_CONTACT_TO_VISMA_CUSTOMER,
    target: 'visma.customer',
  },
  'visma-customer-to-superoffice-contact': {
    spec: VISMA_CUSTOMER_TO_SUPEROFFICE_CONTACT,
    target: 'superoffice.contact',
  },
  'superoffice-person-to-visma-contact': {
    spec: SUPEROFFICE_PERSON_TO_VISMA_CONTACT,
    target: 'visma.contact',
  },
  'visma-contact-to-superoffice-person': {
    spec: VISMA_CONTACT_TO_SUPEROFFICE_PERSON,
    target: 'superoffice.person',
  },
  'visma-invoice-to-superoffice-sale': {
    spec: VISMA_INVOICE_TO_SUPEROFFICE_SALE,
    target: 'superoffice.sale',
  },
};
