import {
  type ArchiveColumn,
  at,
  boolColumn,
  dateColumn,
  intColumn,
  listColumn,
  numberColumn,
  stringColumn,
} from './columns.js';
import type { CustomFieldDef } from './custom-fields.js';
import type { FieldSpec } from './fields.js';

/**
 * The four entities the stand-in serves (superoffice.md §8.1 endpoint map, §9 fields, §14 archive columns):
 * Contact (company), Person, Sale and Project. Field names are PascalCase as in the Swagger carriers.
 */

/** The entity names the tenant API serves. */
export type EntityName = 'Contact' | 'Person' | 'Sale' | 'Project';

/** Everything generic code needs to know about an entity. */
export interface EntityDescriptor {
  /** REST name, e.g. `Contact` (`/v1/Contact`). */
  readonly name: EntityName;
  /** Primary-key field, e.g. `ContactId`. */
  readonly pk: string;
  /** DB table and webhook entity name, e.g. `contact` (`contact.created`, §18; `tableName` of foreign keys, §19). */
  readonly table: string;
  /** Archive column of the primary key, e.g. `contactId` (`$orderby=contactId`, §14). */
  readonly pkColumn: string;
  /** Prefix of UDF columns, e.g. `contactUdef/` (`contactUdef/SuperOffice:1`, §11). */
  readonly udefPrefix: string;
  /** Prefix of extra-field columns, e.g. `contactExtra/` (`contactExtra/x_…`, §11). */
  readonly extraPrefix: string;
  /** Writable and server-managed fields, in output order (the custom-field bags follow). */
  readonly fields: readonly FieldSpec[];
  /** User-defined fields by ProgId. */
  readonly udfs: readonly CustomFieldDef[];
  /** Extra fields (`x_…` columns). */
  readonly extras: readonly CustomFieldDef[];
  /** Archive columns (SimpleContact, FindSale… reduced). */
  readonly columns: readonly ArchiveColumn[];
  /** Columns returned when `$select` is absent. */
  readonly defaultSelect: readonly string[];
}

const STAMPS: readonly FieldSpec[] = [
  { name: 'CreatedDate', type: { kind: 'server' } },
  { name: 'UpdatedDate', type: { kind: 'server' } },
  { name: 'CreatedBy', type: { kind: 'server' } },
  { name: 'UpdatedBy', type: { kind: 'server' } },
];

const STAMP_COLUMNS = (): ArchiveColumn[] => [
  dateColumn('registeredDate', 'CreatedDate'),
  dateColumn('updatedDate', 'UpdatedDate'),
  intColumn('registeredBy', 'CreatedBy.AssociateId'),
  intColumn('updatedBy', 'UpdatedBy.AssociateId'),
];

const text = (name: string, max?: number, required?: boolean): FieldSpec => ({
  name,
  type: { kind: 'text', ...(max === undefined ? {} : { max }), ...(required ? { required } : {}) },
});
const of = (name: string, type: FieldSpec['type']): FieldSpec => ({ name, type });
const elements = (name: string) => of(name, { kind: 'elements' });

const contact: EntityDescriptor = {
  name: 'Contact',
  pk: 'ContactId',
  table: 'contact',
  pkColumn: 'contactId',
  udefPrefix: 'contactUdef/',
  extraPrefix: 'contactExtra/',
  // superoffice.md §9 ContactEntity; lengths from "DB limits (contact table)".
  fields: [
    of('ContactId', { kind: 'pk' }),
    text('Name', 219, true),
    text('Department', 219),
    text('OrgNr', 49),
    text('Number1', 49),
    text('Number2', 49),
    text('Description'),
    elements('Phones'),
    elements('Emails'),
    elements('Faxes'),
    elements('Urls'),
    of('Address', { kind: 'address' }),
    of('Country', { kind: 'country' }),
    of('Business', { kind: 'list', list: 'Business' }),
    of('Category', { kind: 'list', list: 'Category' }),
    of('Associate', { kind: 'associate' }),
    of('NoMailing', { kind: 'bool' }),
    of('Xstop', { kind: 'bool' }),
    of('Deleted', { kind: 'int' }),
    of('ActiveErpLinks', { kind: 'int' }),
    ...STAMPS,
  ],
  udfs: [
    { key: 'SuperOffice:1', label: 'Segment', type: 'text' },
    { key: 'SuperOffice:2', label: 'Credit limit', type: 'int' },
    { key: 'SuperOffice:3', label: 'Customer since', type: 'date' },
    { key: 'SuperOffice:4', label: 'Discount', type: 'float' },
  ],
  extras: [
    { key: 'x_erpstatus', label: 'ERP status', type: 'text' },
    { key: 'x_hassupportagreement', label: 'Support agreement', type: 'checkbox' },
  ],
  columns: [
    intColumn('contactId', 'ContactId'),
    stringColumn('name', 'Name'),
    stringColumn('department', 'Department'),
    stringColumn('orgnr', 'OrgNr'),
    stringColumn('code', 'Number1'),
    stringColumn('number', 'Number2'),
    listColumn('category', 'Category'),
    listColumn('business', 'Business'),
    listColumn('country', 'Country', 'CountryId', 'Name'),
    intColumn('countryId', 'Country.CountryId'),
    intColumn('associateId', 'Associate.AssociateId'),
    stringColumn('email', 'Emails.0.Value'),
    stringColumn('phone', 'Phones.0.Value'),
    stringColumn('postAddress/line1', 'Address.Postal.Address1'),
    stringColumn('postAddress/zip', 'Address.Postal.Zipcode'),
    stringColumn('postAddress/city', 'Address.Postal.City'),
    stringColumn('streetAddress/line1', 'Address.Street.Address1'),
    stringColumn('streetAddress/zip', 'Address.Street.Zipcode'),
    stringColumn('streetAddress/city', 'Address.Street.City'),
    boolColumn('contactDeleted', (e) => at(e, 'Deleted') !== 0),
    intColumn('activeErpLinks', 'ActiveErpLinks'),
    ...STAMP_COLUMNS(),
  ],
  defaultSelect: [
    'contactId',
    'name',
    'department',
    'orgnr',
    'code',
    'number',
    'category',
    'country',
    'updatedDate',
  ],
};

const person: EntityDescriptor = {
  name: 'Person',
  pk: 'PersonId',
  table: 'person',
  pkColumn: 'personId',
  udefPrefix: 'personUdef/',
  extraPrefix: 'personExtra/',
  // superoffice.md §9 PersonEntity.
  fields: [
    of('PersonId', { kind: 'pk' }),
    text('Firstname', 50),
    text('MiddleName', 50),
    text('Lastname', 50),
    text('Mrmrs', 20),
    text('Title', 100),
    of('FullName', { kind: 'server' }),
    of('Position', { kind: 'list', list: 'Position' }),
    of('Contact', { kind: 'ref', entity: 'Contact' }),
    elements('Emails'),
    elements('OfficePhones'),
    elements('MobilePhones'),
    elements('PrivatePhones'),
    of('Address', { kind: 'address' }),
    of('Country', { kind: 'country' }),
    of('Associate', { kind: 'associate' }),
    of('BirthDate', { kind: 'date' }),
    of('Retired', { kind: 'bool' }),
    of('NoMailing', { kind: 'bool' }),
    of('Consents', { kind: 'json' }),
    ...STAMPS,
  ],
  udfs: [
    { key: 'SuperOffice:1', label: 'Hobby', type: 'text' },
    { key: 'SuperOffice:2', label: 'Newsletter', type: 'checkbox' },
  ],
  extras: [],
  columns: [
    intColumn('personId', 'PersonId'),
    stringColumn('firstName', 'Firstname'),
    stringColumn('lastName', 'Lastname'),
    stringColumn('fullName', 'FullName'),
    intColumn('contactId', 'Contact.ContactId'),
    stringColumn('contactName', 'Contact.Name'),
    stringColumn('email', 'Emails.0.Value'),
    stringColumn('mobilePhone', 'MobilePhones.0.Value'),
    listColumn('position', 'Position'),
    boolColumn('retired', (e) => at(e, 'Retired') === true),
    ...STAMP_COLUMNS(),
  ],
  defaultSelect: ['personId', 'firstName', 'lastName', 'contactId', 'email', 'updatedDate'],
};

const sale: EntityDescriptor = {
  name: 'Sale',
  pk: 'SaleId',
  table: 'sale',
  pkColumn: 'saleId',
  udefPrefix: 'saleUdef/',
  extraPrefix: 'saleExtra/',
  // superoffice.md §9 SaleEntity.
  fields: [
    of('SaleId', { kind: 'pk' }),
    text('Heading', 250, true),
    text('Number', 50),
    of('Amount', { kind: 'number' }),
    of('Earning', { kind: 'number' }),
    of('Probability', { kind: 'int' }),
    of('Saledate', { kind: 'date' }),
    of('Currency', { kind: 'list', list: 'Currency' }),
    of('Status', { kind: 'enum', values: ['Unknown', 'Open', 'Sold', 'Lost', 'Stalled', 'SaintAll'] }),
    of('Completed', { kind: 'enum', values: ['Unknown', 'NotStarted', 'Started', 'Completed'] }),
    of('Contact', { kind: 'ref', entity: 'Contact' }),
    of('Person', { kind: 'ref', entity: 'Person' }),
    of('Project', { kind: 'ref', entity: 'Project' }),
    of('Associate', { kind: 'associate' }),
    of('SaleType', { kind: 'list', list: 'SaleType' }),
    of('Source', { kind: 'list', list: 'Source' }),
    text('Postit'),
    ...STAMPS,
  ],
  udfs: [{ key: 'SuperOffice:1', label: 'ERP order', type: 'text' }],
  extras: [],
  columns: [
    intColumn('saleId', 'SaleId'),
    stringColumn('heading', 'Heading'),
    stringColumn('number', 'Number'),
    numberColumn('amount', 'Amount'),
    dateColumn('saleDate', 'Saledate'),
    stringColumn('status', 'Status'),
    intColumn('contactId', 'Contact.ContactId'),
    intColumn('personId', 'Person.PersonId'),
    intColumn('projectId', 'Project.ProjectId'),
    intColumn('associateId', 'Associate.AssociateId'),
    listColumn('saleType', 'SaleType'),
    ...STAMP_COLUMNS(),
  ],
  defaultSelect: ['saleId', 'heading', 'amount', 'saleDate', 'status', 'contactId', 'updatedDate'],
};

const project: EntityDescriptor = {
  name: 'Project',
  pk: 'ProjectId',
  table: 'project',
  pkColumn: 'projectId',
  udefPrefix: 'projectUdef/',
  extraPrefix: 'projectExtra/',
  // superoffice.md §9 ProjectEntity.
  fields: [
    of('ProjectId', { kind: 'pk' }),
    text('Name', 100, true),
    text('ProjectNumber', 50),
    of('ProjectStatus', { kind: 'list', list: 'ProjectStatus' }),
    of('ProjectType', { kind: 'list', list: 'ProjectType' }),
    of('Associate', { kind: 'associate' }),
    of('StartDate', { kind: 'date' }),
    of('EndDate', { kind: 'date' }),
    of('Completed', { kind: 'bool' }),
    text('Description'),
    text('Postit'),
    elements('Urls'),
    ...STAMPS,
  ],
  udfs: [{ key: 'SuperOffice:1', label: 'Budget', type: 'int' }],
  extras: [],
  columns: [
    intColumn('projectId', 'ProjectId'),
    stringColumn('name', 'Name'),
    stringColumn('number', 'ProjectNumber'),
    listColumn('status', 'ProjectStatus'),
    listColumn('type', 'ProjectType'),
    boolColumn('completed', (e) => at(e, 'Completed') === true),
    dateColumn('endDate', 'EndDate'),
    intColumn('associateId', 'Associate.AssociateId'),
    ...STAMP_COLUMNS(),
  ],
  defaultSelect: ['projectId', 'name', 'number', 'status', 'updatedDate'],
};

/** The entities by name. */
export const ENTITIES: Readonly<Record<EntityName, EntityDescriptor>> = {
  Contact: contact,
  Person: person,
  Sale: sale,
  Project: project,
};

/** The descriptor behind a foreign-key `tableName` (`contact`, `person`, `sale`, `project`), case-insensitive. */
export function entityByTable(table: string): EntityDescriptor | undefined {
  return Object.values(ENTITIES).find((e) => e.table === table.toLowerCase());
}
