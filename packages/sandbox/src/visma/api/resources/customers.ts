import { applyNameAndStatus, assignAccountNumber, findAccountRow, requireName } from '../accounts.js';
import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import type { CustomerDto } from '../dtos.js';
import { validationError } from '../errors.js';
import { listResponse } from '../list.js';
import {
  applyCreditTerms,
  applyReference,
  getHandler,
  insertCreated,
  listHandler,
  newRecordTimes,
  type RecordResource,
  resourceRoutes,
  updateHandler,
} from '../resource.js';
import type { Route } from '../router.js';
import {
  ADDRESS_SCHEMA,
  applyAddress,
  applyContactInfo,
  applyString,
  CONTACT_INFO_SCHEMA,
  newAddress,
} from '../writes.js';
import { CONTACT_FIELDS } from './contacts.js';

/** visma-net.md §7.1 Customer: `GET/POST /v1/customer`, `GET/PUT /v1/customer/{number}` and `/internal/{id}`. */

/** `CustomerUpdateDto` (visma-net.md §7.1, selection): every field DtoValue-wrapped except `overrideWithClassValues`. */
export const CUSTOMER_UPDATE_SCHEMA = {
  number: dto.string,
  name: dto.string,
  status: dto.string,
  accountReference: dto.string,
  currencyId: dto.string,
  creditLimit: dto.number,
  customerClassId: dto.string,
  creditTermsId: dto.string,
  vatRegistrationId: dto.string,
  corporateId: dto.string,
  gln: dto.string,
  note: dto.string,
  overrideWithClassValues: dto.plainBoolean,
  overrideNumberSeries: dto.boolean,
  mainAddress: dto.object(ADDRESS_SCHEMA),
  invoiceAddress: dto.object(ADDRESS_SCHEMA),
  deliveryAddress: dto.object(ADDRESS_SCHEMA),
  mainContact: dto.object(CONTACT_INFO_SCHEMA),
  invoiceContact: dto.object(CONTACT_INFO_SCHEMA),
  deliveryContact: dto.object(CONTACT_INFO_SCHEMA),
  directDebitLines: dto.plainArray({}),
  attributeLines: dto.plainArray({ attributeId: dto.string, attributeValue: dto.string }),
} as const;

type CustomerWrite = Unwrapped<typeof CUSTOMER_UPDATE_SCHEMA>;

const INSERT = 'Error inserting the customer';
const UPDATE = 'Error updating the customer';

const customers: RecordResource<CustomerDto> = {
  table: (company) => company.customers,
  find: (context) => findAccountRow(context, context.company.customers, 'Customer'),
};

const list = listHandler(customers, {
  equals: {
    name: (customer) => customer.name,
    status: (customer) => customer.status,
    corporateId: (customer) => customer.corporateId,
    vatRegistrationId: (customer) => customer.vatRegistrationId,
    email: (customer) => customer.mainContact.email,
    phone: (customer) => customer.mainContact.phone1,
  },
  dates: ['lastModifiedDateTime', 'createdDateTime'],
});

/** Applies the fields every write may set (create and update share them). */
function applyWrite(
  context: ApiRequestContext,
  customer: CustomerDto,
  write: CustomerWrite,
  label: string,
): void {
  const { company } = context;
  applyNameAndStatus(customer, write, label, 'Customer');
  applyReference(
    customer,
    'customerClass',
    write.customerClassId,
    (id) => {
      const customerClass = company.customerClass(id);
      return customerClass && { id: customerClass.id, description: customerClass.description };
    },
    (id) => `${label}. Error: Customer Class '${id}' cannot be found in the system.`,
  );
  applyCreditTerms(context, customer, write.creditTermsId, label);
  applyString(customer, 'accountReference', write.accountReference);
  applyString(customer, 'currencyId', write.currencyId);
  applyString(customer, 'vatRegistrationId', write.vatRegistrationId);
  applyString(customer, 'corporateId', write.corporateId);
  applyString(customer, 'gln', write.gln);
  applyString(customer, 'note', write.note);
  if (write.creditLimit === null) delete customer.creditLimit;
  else if (write.creditLimit !== undefined) customer.creditLimit = write.creditLimit;
  applyAddress(customer.mainAddress, write.mainAddress, label);
  applyAddress(customer.invoiceAddress, write.invoiceAddress, label);
  applyAddress(customer.deliveryAddress, write.deliveryAddress, label);
  applyContactInfo(customer.mainContact, write.mainContact);
  applyContactInfo(customer.invoiceContact, write.invoiceContact);
  applyContactInfo(customer.deliveryContact, write.deliveryContact);
}

/**
 * The number a create gets. visma-net.md §5.2 "Manual customer/supplier numbers": automatic from the series when
 * omitted; a manual number only with `overrideNumberSeries:{value:true}` and a series that allows it, otherwise the
 * two real error texts ("'Customer ID' cannot be empty", "Value cannot be null. Parameter name: key").
 */
function assignNumber(context: ApiRequestContext, write: CustomerWrite): string {
  return assignAccountNumber(
    {
      series: context.company.numbering.customer,
      table: context.company.customers,
      kind: 'Customer',
      label: INSERT,
      overrideMissing: `${INSERT}. Error: Inserting 'Customer' record raised at least one error. Please review the errors.\r\nError: 'Customer ID' cannot be empty.`,
    },
    write,
  );
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), CUSTOMER_UPDATE_SCHEMA);
  const name = requireName(write.name, INSERT, 'Customer');
  const number = assignNumber(context, write);
  const now = Date.now();
  const customer: CustomerDto = {
    internalId: company.nextInternalId(),
    number,
    name,
    status: 'Active',
    mainAddress: newAddress(company),
    invoiceAddress: newAddress(company),
    deliveryAddress: newAddress(company),
    mainContact: { contactId: company.nextContactId() },
    invoiceContact: { contactId: company.nextContactId() },
    deliveryContact: { contactId: company.nextContactId() },
    currencyId: 'NOK',
    ...newRecordTimes(now),
  };
  const defaultClass = company.customerClass('1');
  if (defaultClass) customer.customerClass = { id: defaultClass.id, description: defaultClass.description };
  applyWrite(context, customer, write, INSERT);
  // UNCERTAIN (visma-net.md §5.3, §12.9): whether Location ends in the number or the internalId; we use the number.
  return insertCreated(context, customers, customer, now, `/customer/${encodeURIComponent(number)}`);
}

const update = updateHandler(customers, (context, customer) => {
  const write = unwrapDto(jsonBody(context), CUSTOMER_UPDATE_SCHEMA);
  if (write.number !== undefined && write.number !== null && write.number !== customer.number) {
    throw validationError(
      `${UPDATE}. Error: The customer number cannot be changed with PUT; use POST /v1/customer/action/changeCustomerCd/{internalId}.`,
    );
  }
  applyWrite(context, customer, write, UPDATE);
});

function contactsOf(context: ApiRequestContext): ApiResponse {
  const customer = customers.find(context).record;
  const wanted = customer.number.toLowerCase();
  const { contacts } = context.company;
  return listResponse(
    context,
    contacts.matching('businessAccount', CONTACT_FIELDS.businessAccount, customer.number),
    (row) => row.record.businessAccount?.toLowerCase() === wanted,
  );
}

/** Customer routes. */
export const customerRoutes: readonly Route[] = [
  ...resourceRoutes('/v1/customer', ['/internal/:internalId', '/:number'], {
    list,
    create,
    get: getHandler(customers),
    update,
  }),
  { method: 'GET', pattern: '/v1/customer/:number/contact', handler: contactsOf },
];
