export { type Attachment, attachmentSchema } from './attachment/attachment-schema.js';
export { AttachmentsResource, type AttachmentUpload } from './attachment/attachments.js';
export { type Contact, contactSchema } from './contact/contact-schema.js';
export type { ContactCreate, ContactUpdate } from './contact/contact-write.js';
export { type ContactListOptions, ContactsResource } from './contact/contacts.js';
export { createResources, type VismaResources } from './create-resources.js';
export { type Customer, type CustomerStatus, customerSchema } from './customer/customer-schema.js';
export type { CustomerCreate, CustomerUpdate } from './customer/customer-write.js';
export { type CustomerListOptions, CustomersResource } from './customer/customers.js';
export { type CustomerClass, customerClassSchema } from './customer-class/customer-class-schema.js';
export { CustomerClassesResource } from './customer-class/customer-classes.js';
export {
  type CustomerInvoice,
  type CustomerInvoiceLine,
  type CustomerInvoiceStatus,
  customerInvoiceLineSchema,
  customerInvoiceSchema,
} from './customer-invoice/customer-invoice-schema.js';
export type {
  CustomerInvoiceCreate,
  CustomerInvoiceLineWrite,
  TaxDetailLineWrite,
} from './customer-invoice/customer-invoice-write.js';
export {
  type CustomerInvoiceListOptions,
  CustomerInvoicesResource,
} from './customer-invoice/customer-invoices.js';
export {
  DATE_CONDITIONS,
  type DateCondition,
  type DateFilterOptions,
  type DateFilterQuery,
  type DateInput,
  dateFilter,
  formatVismaDateTime,
  lastModifiedFilter,
  type VismaDateTimeOptions,
} from './date-filter.js';
export {
  DTO_VALUE_RULES,
  type DtoValue,
  type DtoValueBody,
  type DtoValueOptions,
  type DtoValueRules,
  toDtoValue,
} from './dto-value.js';
export { ifMatchHeader, normalizeEtag } from './etag.js';
export {
  DEFAULT_PAGE_SIZE,
  type Page,
  type PageParams,
  type PageResponse,
  type Paginated,
  type PaginateOptions,
  paginate,
  type ToArrayOptions,
} from './pagination.js';
export { parseResponse, type ResponseOrigin } from './parse-response.js';
export type {
  ListOptions,
  ModifiedSinceOptions,
  RequestOptions,
  ResourceOptions,
  WriteOptions,
} from './request-options.js';
export type { CreateResult, UpdateResult, WithEtag } from './results.js';
export {
  type Address,
  addressSchema,
  type ContactInfo,
  contactInfoSchema,
  type IdDescription,
  type IdName,
  idDescriptionSchema,
  idNameSchema,
  type NumberName,
  numberNameSchema,
} from './shared-schemas.js';
export type {
  AddressWrite,
  AttributeLineWrite,
  ContactInfoWrite,
  DirectDebitLineWrite,
  LineOperation,
  SubaccountSegment,
} from './shared-writes.js';
export { type Supplier, supplierSchema } from './supplier/supplier-schema.js';
export type { SupplierCreate, SupplierUpdate } from './supplier/supplier-write.js';
export { type SupplierListOptions, SuppliersResource } from './supplier/suppliers.js';
