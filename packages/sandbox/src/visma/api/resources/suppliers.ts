import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import { CUSTOMER_STATUSES, type CustomerStatus, type SupplierDto } from '../dtos.js';
import { validationError } from '../errors.js';
import { allOf, dateCondition, equalsFilter } from '../filters.js';
import { listResponse } from '../list.js';
import { formatTimestamp, type Row } from '../record-table.js';
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

/** visma-net.md §7.5 Supplier: `GET/POST /v1/supplier`, `GET/PUT /v1/supplier/{number}` (and `/internal/{id}`). */

/** `SupplierUpdateDto` (selection mirroring the customer's; visma-net.md §7.5). */
export const SUPPLIER_UPDATE_SCHEMA = {
  number: dto.string,
  name: dto.string,
  status: dto.string,
  currencyId: dto.string,
  supplierClassId: dto.string,
  creditTermsId: dto.string,
  vatRegistrationId: dto.string,
  corporateId: dto.string,
  overrideWithClassValues: dto.plainBoolean,
  overrideNumberSeries: dto.boolean,
  mainAddress: dto.object(ADDRESS_SCHEMA),
  mainContact: dto.object(CONTACT_INFO_SCHEMA),
} as const;

const INSERT = 'Error inserting the supplier';
const UPDATE = 'Error updating the supplier';

function list(context: ApiRequestContext): ApiResponse {
  const { query } = context;
  const name = equalsFilter(query, 'name');
  const status = equalsFilter(query, 'status');
  const corporateId = equalsFilter(query, 'corporateId');
  const vat = equalsFilter(query, 'vatRegistrationId');
  const modified = dateCondition(query, 'lastModifiedDateTime');
  const matches = allOf<Row<SupplierDto>>([
    name && ((row) => name(row.record.name)),
    status && ((row) => status(row.record.status)),
    corporateId && ((row) => corporateId(row.record.corporateId)),
    vat && ((row) => vat(row.record.vatRegistrationId)),
    modified && ((row) => modified(row.modifiedMs)),
  ]);
  return listResponse(context, context.company.suppliers.rows(), matches);
}

function findRow(context: ApiRequestContext): Row<SupplierDto> {
  const { number, internalId } = context.params;
  const suppliers = context.company.suppliers;
  const row =
    internalId !== undefined
      ? /^\d+$/.test(internalId)
        ? suppliers.rowById(Number(internalId))
        : undefined
      : suppliers.row(number ?? '');
  return row ?? recordNotFound('Supplier', internalId ?? number ?? '');
}

function applyWrite(
  context: ApiRequestContext,
  supplier: SupplierDto,
  write: Unwrapped<typeof SUPPLIER_UPDATE_SCHEMA>,
  label: string,
): void {
  if (write.name !== undefined) {
    if (write.name === null || write.name.trim() === '')
      throw validationError(`${label}. Error: 'Supplier Name' cannot be empty.`);
    supplier.name = write.name;
  }
  if (write.status !== undefined && write.status !== null) {
    if (!(CUSTOMER_STATUSES as readonly string[]).includes(write.status)) {
      throw validationError(
        `${label}. Error: 'Status' '${write.status}' is not valid. Use ${CUSTOMER_STATUSES.join(', ')}.`,
      );
    }
    supplier.status = write.status as CustomerStatus;
  }
  if (write.supplierClassId === null || write.supplierClassId === '') delete supplier.supplierClass;
  else if (write.supplierClassId !== undefined) {
    const wanted = write.supplierClassId.toLowerCase();
    const found = context.company.supplierClasses.find((c) => c.id.toLowerCase() === wanted);
    if (!found)
      throw validationError(
        `${label}. Error: Supplier Class '${write.supplierClassId}' cannot be found in the system.`,
      );
    supplier.supplierClass = { ...found };
  }
  if (write.creditTermsId === null || write.creditTermsId === '') delete supplier.creditTerms;
  else if (write.creditTermsId !== undefined) {
    const term = context.company.creditTerm(write.creditTermsId);
    if (!term)
      throw validationError(
        `${label}. Error: Credit Terms '${write.creditTermsId}' cannot be found in the system.`,
      );
    supplier.creditTerms = { id: term.id, description: term.description };
  }
  applyString(supplier, 'currencyId', write.currencyId);
  applyString(supplier, 'vatRegistrationId', write.vatRegistrationId);
  applyString(supplier, 'corporateId', write.corporateId);
  applyAddress(supplier.mainAddress, write.mainAddress, label);
  applyContactInfo(supplier.mainContact, write.mainContact);
}

/** visma-net.md §5.2 "Manual customer/supplier numbers" (same rules as customers). */
function assignNumber(context: ApiRequestContext, write: Unwrapped<typeof SUPPLIER_UPDATE_SCHEMA>): string {
  const series = context.company.numbering.supplier;
  const manual = write.number?.trim();
  if (!manual) {
    let next = String(series.next++);
    while (context.company.suppliers.get(next)) next = String(series.next++);
    return next;
  }
  if (write.overrideNumberSeries !== true || !series.allowManual) {
    throw validationError(`${INSERT}. Value cannot be null. Parameter name: key`);
  }
  if (context.company.suppliers.get(manual))
    throw validationError(`${INSERT}. Error: Supplier '${manual}' already exists.`);
  return manual;
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), SUPPLIER_UPDATE_SCHEMA);
  if (write.name === undefined || write.name === null || write.name.trim() === '') {
    throw validationError(`${INSERT}. Error: 'Supplier Name' cannot be empty.`);
  }
  const number = assignNumber(context, write);
  const now = Date.now();
  const supplier: SupplierDto = {
    internalId: company.nextInternalId(),
    number,
    name: write.name,
    status: 'Active',
    mainAddress: newAddress(company),
    mainContact: { contactId: company.nextContactId() },
    currencyId: 'NOK',
    createdDateTime: formatTimestamp(now),
    lastModifiedDateTime: formatTimestamp(now),
    timeStamp: '',
  };
  applyWrite(context, supplier, write, INSERT);
  supplier.timeStamp = company.nextTimeStamp();
  company.suppliers.insert(supplier, now, now);
  return created(context, `/supplier/${encodeURIComponent(number)}`, supplier.timeStamp);
}

function update(context: ApiRequestContext): ApiResponse {
  const row = findRow(context);
  checkIfMatch(context, row.record.timeStamp);
  const write = unwrapDto(jsonBody(context), SUPPLIER_UPDATE_SCHEMA);
  if (write.number !== undefined && write.number !== null && write.number !== row.record.number) {
    throw validationError(`${UPDATE}. Error: The supplier number cannot be changed with PUT.`);
  }
  applyWrite(context, row.record, write, UPDATE);
  context.company.suppliers.touch(row);
  return updated(row.record.timeStamp);
}

/** Supplier routes. */
export const supplierRoutes = [
  { method: 'GET', pattern: '/v1/supplier', handler: list },
  { method: 'POST', pattern: '/v1/supplier', handler: create },
  { method: 'GET', pattern: '/v1/supplier/internal/:internalId', handler: (c) => single(findRow(c).record) },
  { method: 'PUT', pattern: '/v1/supplier/internal/:internalId', handler: update },
  { method: 'GET', pattern: '/v1/supplier/:number', handler: (c) => single(findRow(c).record) },
  { method: 'PUT', pattern: '/v1/supplier/:number', handler: update },
] as const satisfies readonly Route[];
