import { attachmentRoutes } from './resources/attachments.js';
import { contactRoutes } from './resources/contacts.js';
import { customerInvoiceRoutes } from './resources/customer-invoices.js';
import { customerRoutes } from './resources/customers.js';
import { referenceDataRoutes } from './resources/reference-data.js';
import { supplierRoutes } from './resources/suppliers.js';
import { Router } from './router.js';

/** Every route of the lookalike (visma-net.md §7). */
export function createRouter(): Router {
  return new Router([
    ...customerRoutes,
    ...referenceDataRoutes,
    ...contactRoutes,
    ...customerInvoiceRoutes,
    ...attachmentRoutes,
    ...supplierRoutes,
  ]);
}
