import type { VismaTransport } from '../http/transport.js';
import { AttachmentsResource } from './attachment/attachments.js';
import { ContactsResource } from './contact/contacts.js';
import { CustomersResource } from './customer/customers.js';
import { CustomerClassesResource } from './customer-class/customer-classes.js';
import { CustomerInvoicesResource } from './customer-invoice/customer-invoices.js';
import type { ResourceOptions } from './request-options.js';
import { SuppliersResource } from './supplier/suppliers.js';

/** The typed resources of one company, as mounted on the client (`client.customers.list(…)`). */
export interface VismaResources {
  /** Customers (`/customer`). */
  readonly customers: CustomersResource;
  /** Customer classes (`/customer/customerClass`). */
  readonly customerClasses: CustomerClassesResource;
  /** Contact persons (`/contact`). */
  readonly contacts: ContactsResource;
  /** Customer invoices (`/customerinvoice`): read and create. */
  readonly customerInvoices: CustomerInvoicesResource;
  /** Suppliers (`/supplier`). */
  readonly suppliers: SuppliersResource;
  /** Attachment uploads. */
  readonly attachments: AttachmentsResource;
}

/**
 * Creates every typed resource on one transport.
 *
 * @example
 * ```ts
 * const resources = createResources(transport, { timeZone: 'Europe/Oslo' });
 * const customer = await resources.customers.get('10000');
 * ```
 */
export function createResources(transport: VismaTransport, options: ResourceOptions = {}): VismaResources {
  return {
    customers: new CustomersResource(transport, options),
    customerClasses: new CustomerClassesResource(transport, options),
    contacts: new ContactsResource(transport, options),
    customerInvoices: new CustomerInvoicesResource(transport, options),
    suppliers: new SuppliersResource(transport, options),
    attachments: new AttachmentsResource(transport, options),
  };
}
