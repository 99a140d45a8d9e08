import { applyNameAndStatus, assignAccountNumber, findAccountRow, requireName } from '../accounts.js';
import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import type { SupplierDto } from '../dtos.js';
import { validationError } from '../errors.js';
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

type SupplierWrite = Unwrapped<typeof SUPPLIER_UPDATE_SCHEMA>;

const INSERT = 'Error inserting the supplier';
const UPDATE = 'Error updating the supplier';

const suppliers: RecordResource<SupplierDto> = {
  table: (company) => company.suppliers,
  find: (context) => findAccountRow(context, context.company.suppliers, 'Supplier'),
};

const list = listHandler(suppliers, {
  equals: {
    name: (supplier) => supplier.name,
    status: (supplier) => supplier.status,
    corporateId: (supplier) => supplier.corporateId,
    vatRegistrationId: (supplier) => supplier.vatRegistrationId,
  },
  dates: ['lastModifiedDateTime'],
});

function applyWrite(
  context: ApiRequestContext,
  supplier: SupplierDto,
  write: SupplierWrite,
  label: string,
): void {
  applyNameAndStatus(supplier, write, label, 'Supplier');
  applyReference(
    supplier,
    'supplierClass',
    write.supplierClassId,
    (id) => {
      const wanted = id.toLowerCase();
      const found = context.company.supplierClasses.find((c) => c.id.toLowerCase() === wanted);
      return found && { ...found };
    },
    (id) => `${label}. Error: Supplier Class '${id}' cannot be found in the system.`,
  );
  applyCreditTerms(context, supplier, write.creditTermsId, label);
  applyString(supplier, 'currencyId', write.currencyId);
  applyString(supplier, 'vatRegistrationId', write.vatRegistrationId);
  applyString(supplier, 'corporateId', write.corporateId);
  applyAddress(supplier.mainAddress, write.mainAddress, label);
  applyContactInfo(supplier.mainContact, write.mainContact);
}

/** visma-net.md §5.2 "Manual customer/supplier numbers" (same rules as customers). */
function assignNumber(context: ApiRequestContext, write: SupplierWrite): string {
  return assignAccountNumber(
    {
      series: context.company.numbering.supplier,
      table: context.company.suppliers,
      kind: 'Supplier',
      label: INSERT,
      overrideMissing: `${INSERT}. Value cannot be null. Parameter name: key`,
    },
    write,
  );
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), SUPPLIER_UPDATE_SCHEMA);
  const name = requireName(write.name, INSERT, 'Supplier');
  const number = assignNumber(context, write);
  const now = Date.now();
  const supplier: SupplierDto = {
    internalId: company.nextInternalId(),
    number,
    name,
    status: 'Active',
    mainAddress: newAddress(company),
    mainContact: { contactId: company.nextContactId() },
    currencyId: 'NOK',
    ...newRecordTimes(now),
  };
  applyWrite(context, supplier, write, INSERT);
  return insertCreated(context, suppliers, supplier, now, `/supplier/${encodeURIComponent(number)}`);
}

const update = updateHandler(suppliers, (context, supplier) => {
  const write = unwrapDto(jsonBody(context), SUPPLIER_UPDATE_SCHEMA);
  if (write.number !== undefined && write.number !== null && write.number !== supplier.number) {
    throw validationError(`${UPDATE}. Error: The supplier number cannot be changed with PUT.`);
  }
  applyWrite(context, supplier, write, UPDATE);
});

/** Supplier routes. */
export const supplierRoutes: readonly Route[] = resourceRoutes(
  '/v1/supplier',
  ['/internal/:internalId', '/:number'],
  {
    list,
    create,
    get: getHandler(suppliers),
    update,
  },
);
