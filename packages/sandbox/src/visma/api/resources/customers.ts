import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import { CUSTOMER_STATUSES, type CustomerDto, type CustomerStatus } from '../dtos.js';
import { validationError } from '../errors.js';
import { allOf, dateCondition, equalsFilter } from '../filters.js';
import { listResponse } from '../list.js';
import type { Row } from '../record-table.js';
import { formatTimestamp } from '../record-table.js';
import type { Route } from '../router.js';
import {
  ADDRESS_SCHEMA,
  applyAddress,
  applyContactInfo,
  applyString,
  CONTACT_INFO_SCHEMA,
  checkIfMatch,
  created,
  newAddress,
  recordNotFound,
  single,
  updated,
} from '../writes.js';

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

function list(context: ApiRequestContext): ApiResponse {
  const { query } = context;
  const name = equalsFilter(query, 'name');
  const status = equalsFilter(query, 'status');
  const corporateId = equalsFilter(query, 'corporateId');
  const vat = equalsFilter(query, 'vatRegistrationId');
  const email = equalsFilter(query, 'email');
  const phone = equalsFilter(query, 'phone');
  const modified = dateCondition(query, 'lastModifiedDateTime');
  const createdAt = dateCondition(query, 'createdDateTime');
  const matches = allOf<Row<CustomerDto>>([
    name && ((row) => name(row.record.name)),
    status && ((row) => status(row.record.status)),
    corporateId && ((row) => corporateId(row.record.corporateId)),
    vat && ((row) => vat(row.record.vatRegistrationId)),
    email && ((row) => email(row.record.mainContact.email)),
    phone && ((row) => phone(row.record.mainContact.phone1)),
    modified && ((row) => modified(row.modifiedMs)),
    createdAt && ((row) => createdAt(row.createdMs)),
  ]);
  return listResponse(context, context.company.customers.rows(), matches);
}

function findRow(context: ApiRequestContext): Row<CustomerDto> {
  const { number, internalId } = context.params;
  const customers = context.company.customers;
  const row =
    internalId !== undefined
      ? /^\d+$/.test(internalId)
        ? customers.rowById(Number(internalId))
        : undefined
      : customers.row(number ?? '');
  return row ?? recordNotFound('Customer', internalId ?? number ?? '');
}

/** Applies the fields every write may set (create and update share them). */
function applyWrite(
  context: ApiRequestContext,
  customer: CustomerDto,
  write: CustomerWrite,
  label: string,
): void {
  const { company } = context;
  if (write.name !== undefined) {
    if (write.name === null || write.name.trim() === '')
      throw validationError(`${label}. Error: 'Customer Name' cannot be empty.`);
    customer.name = write.name;
  }
  if (write.status !== undefined && write.status !== null) {
    if (!(CUSTOMER_STATUSES as readonly string[]).includes(write.status)) {
      throw validationError(
        `${label}. Error: 'Status' '${write.status}' is not valid. Use ${CUSTOMER_STATUSES.join(', ')}.`,
      );
    }
    customer.status = write.status as CustomerStatus;
  }
  if (write.customerClassId === null || write.customerClassId === '') delete customer.customerClass;
  else if (write.customerClassId !== undefined) {
    const customerClass = company.customerClass(write.customerClassId);
    if (!customerClass)
      throw validationError(
        `${label}. Error: Customer Class '${write.customerClassId}' cannot be found in the system.`,
      );
    customer.customerClass = { id: customerClass.id, description: customerClass.description };
  }
  if (write.creditTermsId === null || write.creditTermsId === '') delete customer.creditTerms;
  else if (write.creditTermsId !== undefined) {
    const term = company.creditTerm(write.creditTermsId);
    if (!term)
      throw validationError(
        `${label}. Error: Credit Terms '${write.creditTermsId}' cannot be found in the system.`,
      );
    customer.creditTerms = { id: term.id, description: term.description };
  }
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
  const series = context.company.numbering.customer;
  const manual = write.number?.trim();
  if (!manual) {
    let next = String(series.next++);
    while (context.company.customers.get(next)) next = String(series.next++);
    return next;
  }
  if (write.overrideNumberSeries !== true) {
    throw validationError(
      `${INSERT}. Error: Inserting 'Customer' record raised at least one error. Please review the errors.\r\nError: 'Customer ID' cannot be empty.`,
    );
  }
  if (!series.allowManual) throw validationError(`${INSERT}. Value cannot be null. Parameter name: key`);
  if (context.company.customers.get(manual)) {
    throw validationError(`${INSERT}. Error: Customer '${manual}' already exists.`);
  }
  return manual;
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), CUSTOMER_UPDATE_SCHEMA);
  if (write.name === undefined || write.name === null || write.name.trim() === '') {
    throw validationError(`${INSERT}. Error: 'Customer Name' cannot be empty.`);
  }
  const number = assignNumber(context, write);
  const now = Date.now();
  const customer: CustomerDto = {
    internalId: company.nextInternalId(),
    number,
    name: write.name,
    status: 'Active',
    mainAddress: newAddress(company),
    invoiceAddress: newAddress(company),
    deliveryAddress: newAddress(company),
    mainContact: { contactId: company.nextContactId() },
    invoiceContact: { contactId: company.nextContactId() },
    deliveryContact: { contactId: company.nextContactId() },
    currencyId: 'NOK',
    createdDateTime: formatTimestamp(now),
    lastModifiedDateTime: formatTimestamp(now),
    timeStamp: '',
  };
  const defaultClass = company.customerClass('1');
  if (defaultClass) customer.customerClass = { id: defaultClass.id, description: defaultClass.description };
  applyWrite(context, customer, write, INSERT);
  customer.timeStamp = company.nextTimeStamp();
  company.customers.insert(customer, now, now);
  // UNCERTAIN (visma-net.md §5.3, §12.9): whether Location ends in the number or the internalId; we use the number.
  return created(context, `/customer/${encodeURIComponent(number)}`, customer.timeStamp);
}

function update(context: ApiRequestContext): ApiResponse {
  const row = findRow(context);
  checkIfMatch(context, row.record.timeStamp);
  const write = unwrapDto(jsonBody(context), CUSTOMER_UPDATE_SCHEMA);
  if (write.number !== undefined && write.number !== null && write.number !== row.record.number) {
    throw validationError(
      `${UPDATE}. Error: The customer number cannot be changed with PUT; use POST /v1/customer/action/changeCustomerCd/{internalId}.`,
    );
  }
  applyWrite(context, row.record, write, UPDATE);
  context.company.customers.touch(row);
  return updated(row.record.timeStamp);
}

function contactsOf(context: ApiRequestContext): ApiResponse {
  const customer = findRow(context).record;
  const wanted = customer.number.toLowerCase();
  return listResponse(
    context,
    context.company.contacts.rows(),
    (row) => row.record.businessAccount?.toLowerCase() === wanted,
  );
}

/** Customer routes. */
export const customerRoutes = [
  { method: 'GET', pattern: '/v1/customer', handler: list },
  { method: 'POST', pattern: '/v1/customer', handler: create },
  { method: 'GET', pattern: '/v1/customer/internal/:internalId', handler: (c) => single(findRow(c).record) },
  { method: 'PUT', pattern: '/v1/customer/internal/:internalId', handler: update },
  { method: 'GET', pattern: '/v1/customer/:number', handler: (c) => single(findRow(c).record) },
  { method: 'PUT', pattern: '/v1/customer/:number', handler: update },
  { method: 'GET', pattern: '/v1/customer/:number/contact', handler: contactsOf },
] as const satisfies readonly Route[];
