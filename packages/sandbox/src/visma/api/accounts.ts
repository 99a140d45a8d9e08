import type { NumberSeries } from './company-data.js';
import type { ApiRequestContext } from './context.js';
import { CUSTOMER_STATUSES, type CustomerStatus } from './dtos.js';
import { validationError } from './errors.js';
import type { RecordTable, Row, TimestampedDto } from './record-table.js';
import { recordNotFound } from './writes.js';

/** What customers and suppliers (the "accounts", visma-net.md §7.1 and §7.5) have in common. */

/** The fields of an account the shared rules read and write. */
export interface AccountDto extends TimestampedDto {
  /** Internal id, for `/internal/{id}` routes. */
  internalId: number;
  /** Customer/supplier number. */
  number: string;
  /** Name; never empty. */
  name: string;
  /** Account status. */
  status: CustomerStatus;
}

/** The account behind `{number}` or `/internal/{internalId}`, or 404 (`kind` names it in the error). */
export function findAccountRow<T extends AccountDto>(
  context: ApiRequestContext,
  table: RecordTable<T>,
  kind: string,
): Row<T> {
  const { number, internalId } = context.params;
  const row =
    internalId !== undefined
      ? /^\d+$/.test(internalId)
        ? table.rowById(Number(internalId))
        : undefined
      : table.row(number ?? '');
  return row ?? recordNotFound(kind, internalId ?? number ?? '');
}

/** Rejects an absent or blank name on create (`'<kind> Name' cannot be empty`); returns it otherwise. */
export function requireName(name: string | null | undefined, label: string, kind: string): string {
  if (name === undefined || name === null || name.trim() === '') {
    throw validationError(`${label}. Error: '${kind} Name' cannot be empty.`);
  }
  return name;
}

/** Applies the `name` and `status` of an account write (both may not be cleared). */
export function applyNameAndStatus(
  account: AccountDto,
  write: { readonly name?: string | null | undefined; readonly status?: string | null | undefined },
  label: string,
  kind: string,
): void {
  if (write.name !== undefined) account.name = requireName(write.name, label, kind);
  if (write.status !== undefined && write.status !== null) {
    if (!(CUSTOMER_STATUSES as readonly string[]).includes(write.status)) {
      throw validationError(
        `${label}. Error: 'Status' '${write.status}' is not valid. Use ${CUSTOMER_STATUSES.join(', ')}.`,
      );
    }
    account.status = write.status as CustomerStatus;
  }
}

/** What {@link assignAccountNumber} needs to know about the account kind. */
export interface AccountNumbering<T extends AccountDto> {
  /** The number series of the kind. */
  readonly series: NumberSeries;
  /** The table the number must be new in. */
  readonly table: RecordTable<T>;
  /** `Customer` or `Supplier`, as in the error texts. */
  readonly kind: string;
  /** The create's error label. */
  readonly label: string;
  /** The error text when a manual number comes without `overrideNumberSeries:{value:true}`. */
  readonly overrideMissing: string;
}

/**
 * The number a create gets: automatic from the series when `number` is omitted; a manual number only with
 * `overrideNumberSeries:{value:true}` and a series that allows it (visma-net.md §5.2 "Manual customer/supplier
 * numbers").
 */
export function assignAccountNumber<T extends AccountDto>(
  numbering: AccountNumbering<T>,
  write: {
    readonly number?: string | null | undefined;
    readonly overrideNumberSeries?: boolean | null | undefined;
  },
): string {
  const { series, table, kind, label } = numbering;
  const manual = write.number?.trim();
  if (!manual) {
    let next = String(series.next++);
    while (table.get(next)) next = String(series.next++);
    return next;
  }
  if (write.overrideNumberSeries !== true) throw validationError(numbering.overrideMissing);
  if (!series.allowManual) throw validationError(`${label}. Value cannot be null. Parameter name: key`);
  if (table.get(manual)) throw validationError(`${label}. Error: ${kind} '${manual}' already exists.`);
  return manual;
}
