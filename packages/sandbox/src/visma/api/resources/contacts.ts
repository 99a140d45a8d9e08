import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import type { ContactDto } from '../dtos.js';
import { validationError } from '../errors.js';
import {
  allOf,
  candidateRows,
  dateCondition,
  equalsFilter,
  equalsValue,
  type IndexedEquals,
} from '../filters.js';
import { listResponse } from '../list.js';
import { formatTimestamp, type Row } from '../record-table.js';
import type { Route } from '../router.js';
import { applyString, checkIfMatch, created, recordNotFound, single, updated } from '../writes.js';

/** visma-net.md §7.2 Contact: `GET/POST /v1/contact`, `GET/PUT /v1/contact/{contactId}`; `businessAccount` = customer number. */

/** `ContactUpdateDto` (visma-net.md §7.2, selection). */
export const CONTACT_UPDATE_SCHEMA = {
  title: dto.string,
  firstName: dto.string,
  lastName: dto.string,
  position: dto.string,
  businessAccount: dto.string,
  email: dto.string,
  phone1: dto.string,
  phone2: dto.string,
  active: dto.boolean,
} as const;

/** The contact fields the list filters compare exactly; each names its field index (shared with `customer/{n}/contact`). */
export const CONTACT_FIELDS = {
  businessAccount: (contact: ContactDto) => contact.businessAccount,
  email: (contact: ContactDto) => contact.email,
  firstName: (contact: ContactDto) => contact.firstName,
  lastName: (contact: ContactDto) => contact.lastName,
  displayName: (contact: ContactDto) => contact.displayName,
} as const;

const INSERT = 'Error inserting the contact';
const UPDATE = 'Error updating the contact';

function list(context: ApiRequestContext): ApiResponse {
  const { query } = context;
  const account = equalsFilter(query, 'businessAccount');
  const email = equalsFilter(query, 'email');
  const firstName = equalsFilter(query, 'firstName');
  const lastName = equalsFilter(query, 'lastName');
  const displayName = equalsFilter(query, 'displayName');
  const active = query.get('active');
  const modified = dateCondition(query, 'lastModifiedDateTime');
  const matches = allOf<Row<ContactDto>>([
    account && ((row) => account(row.record.businessAccount)),
    email && ((row) => email(row.record.email)),
    firstName && ((row) => firstName(row.record.firstName)),
    lastName && ((row) => lastName(row.record.lastName)),
    displayName && ((row) => displayName(row.record.displayName)),
    active === null || active === ''
      ? undefined
      : (row) => String(row.record.active) === active.toLowerCase(),
    modified && ((row) => modified(row.modifiedMs)),
  ]);
  const indexed: IndexedEquals<ContactDto>[] = [];
  for (const [name, field] of Object.entries(CONTACT_FIELDS)) {
    const value = equalsValue(query, name);
    if (value !== undefined) indexed.push({ name, field, value });
  }
  return listResponse(context, candidateRows(context.company.contacts, indexed), matches);
}

function findRow(context: ApiRequestContext): Row<ContactDto> {
  const id = context.params.contactId ?? '';
  return context.company.contacts.row(id) ?? recordNotFound('Contact', id);
}

function applyWrite(
  context: ApiRequestContext,
  contact: ContactDto,
  write: Unwrapped<typeof CONTACT_UPDATE_SCHEMA>,
  label: string,
): void {
  if (write.lastName !== undefined) {
    if (write.lastName === null || write.lastName.trim() === '')
      throw validationError(`${label}. Error: 'Last Name' cannot be empty.`);
    contact.lastName = write.lastName;
  }
  if (write.businessAccount === null || write.businessAccount === '') {
    delete contact.businessAccount;
    delete contact.businessAccountType;
  } else if (write.businessAccount !== undefined) {
    const customer = context.company.customers.get(write.businessAccount);
    if (!customer)
      throw validationError(
        `${label}. Error: Business Account '${write.businessAccount}' cannot be found in the system.`,
      );
    contact.businessAccount = customer.number;
    contact.businessAccountType = 'Customer';
  }
  applyString(contact, 'title', write.title);
  applyString(contact, 'firstName', write.firstName);
  applyString(contact, 'position', write.position);
  applyString(contact, 'email', write.email);
  applyString(contact, 'phone1', write.phone1);
  applyString(contact, 'phone2', write.phone2);
  if (write.active !== undefined && write.active !== null) contact.active = write.active;
  contact.displayName = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), CONTACT_UPDATE_SCHEMA);
  if (write.lastName === undefined || write.lastName === null || write.lastName.trim() === '') {
    throw validationError(`${INSERT}. Error: 'Last Name' cannot be empty.`);
  }
  const now = Date.now();
  const contact: ContactDto = {
    contactId: company.nextContactId(),
    displayName: '',
    active: true,
    lastName: write.lastName,
    createdDateTime: formatTimestamp(now),
    lastModifiedDateTime: formatTimestamp(now),
    timeStamp: '',
  };
  applyWrite(context, contact, write, INSERT);
  contact.timeStamp = company.nextTimeStamp();
  company.contacts.insert(contact, now, now);
  return created(context, `/contact/${contact.contactId}`, contact.timeStamp);
}

function update(context: ApiRequestContext): ApiResponse {
  const row = findRow(context);
  checkIfMatch(context, row.record.timeStamp);
  applyWrite(context, row.record, unwrapDto(jsonBody(context), CONTACT_UPDATE_SCHEMA), UPDATE);
  context.company.contacts.touch(row);
  return updated(row.record.timeStamp);
}

/** Contact routes. */
export const contactRoutes = [
  { method: 'GET', pattern: '/v1/contact', handler: list },
  { method: 'POST', pattern: '/v1/contact', handler: create },
  { method: 'GET', pattern: '/v1/contact/:contactId', handler: (c) => single(findRow(c).record) },
  { method: 'PUT', pattern: '/v1/contact/:contactId', handler: update },
] as const satisfies readonly Route[];
