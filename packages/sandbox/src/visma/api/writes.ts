import { COUNTRIES, type VismaCompanyData } from './company-data.js';
import type { ApiRequestContext, ApiResponse } from './context.js';
import { dto, type Unwrapped } from './dto-value.js';
import type { AddressDto, ContactInfoDto } from './dtos.js';
import { aspNetError, preconditionFailedError, validationError } from './errors.js';

/** Shared pieces of create/update handlers (visma-net.md §5.2–5.4). */

/** Write schema of an address (visma-net.md §7.1 CustomerUpdateDto `mainAddress{addressLine1..3, …, countryId}`). */
export const ADDRESS_SCHEMA = {
  addressLine1: dto.string,
  addressLine2: dto.string,
  addressLine3: dto.string,
  postalCode: dto.string,
  city: dto.string,
  countryId: dto.string,
  county: dto.string,
} as const;

/** Write schema of embedded contact info (visma-net.md §7.1 `mainContact{name, attention, email, …}`). */
export const CONTACT_INFO_SCHEMA = {
  name: dto.string,
  attention: dto.string,
  email: dto.string,
  web: dto.string,
  phone1: dto.string,
  phone2: dto.string,
  fax: dto.string,
} as const;

/**
 * visma-net.md §5.2 "PUT is partial": an omitted field is untouched; `""` (or `{"value": null}`) clears it.
 * Sets or deletes `target[key]`.
 */
export function applyString<T extends object, K extends keyof T & string>(
  target: T,
  key: K,
  value: string | null | undefined,
): void {
  if (value === undefined) return;
  if (value === null || value === '') delete target[key];
  else (target as Record<string, unknown>)[key] = value;
}

/** Applies a (partial) address write onto a read address. Unknown `countryId` → 400. */
export function applyAddress(
  target: AddressDto,
  write: Unwrapped<typeof ADDRESS_SCHEMA> | null | undefined,
  label: string,
): void {
  if (write === undefined) return;
  if (write === null) {
    for (const key of [
      'addressLine1',
      'addressLine2',
      'addressLine3',
      'postalCode',
      'city',
      'country',
      'county',
    ] as const) {
      delete target[key];
    }
    return;
  }
  applyString(target, 'addressLine1', write.addressLine1);
  applyString(target, 'addressLine2', write.addressLine2);
  applyString(target, 'addressLine3', write.addressLine3);
  applyString(target, 'postalCode', write.postalCode);
  applyString(target, 'city', write.city);
  applyString(target, 'county', write.county);
  if (write.countryId === null || write.countryId === '') delete target.country;
  else if (write.countryId !== undefined) {
    const country = COUNTRIES.get(write.countryId.toUpperCase());
    if (!country)
      throw validationError(`${label}. Error: Country '${write.countryId}' cannot be found in the system.`);
    target.country = { ...country };
  }
}

/** Applies a (partial) contact-info write onto embedded read contact info. */
export function applyContactInfo(
  target: ContactInfoDto,
  write: Unwrapped<typeof CONTACT_INFO_SCHEMA> | null | undefined,
): void {
  if (write === undefined) return;
  const keys = ['name', 'attention', 'email', 'web', 'phone1', 'phone2', 'fax'] as const;
  for (const key of keys) applyString(target, key, write === null ? null : write[key]);
}

/** A new empty address with a fresh id. */
export function newAddress(company: VismaCompanyData): AddressDto {
  return { addressId: company.nextAddressId() };
}

/** Strips quotes and a weak prefix from an `If-Match` value. */
function normaliseEtag(value: string): string {
  return value
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * visma-net.md §5.4: `If-Match` with a stale ETag → 412. `*` and absent headers pass. Quoted and bare values are
 * both accepted (the reference tells clients to quote; the ETag we send is the bare `timeStamp`).
 */
export function checkIfMatch(context: ApiRequestContext, current: string): void {
  const header = context.headers['if-match'];
  if (header === undefined || header.trim() === '*') return;
  const candidates = header.split(',').map(normaliseEtag);
  if (!candidates.includes(current)) throw preconditionFailedError(current, normaliseEtag(header));
}

/**
 * visma-net.md §5.3: create → 201, EMPTY body, `Location` = base + path of the new record; plus `ETag` (§5.4 "a
 * successful POST/PUT return an ETag header").
 */
export function created(context: ApiRequestContext, path: string, timeStamp: string): ApiResponse {
  return { status: 201, headers: { location: `${context.baseUrl}${path}`, etag: timeStamp } };
}

/** visma-net.md §5.3: update → 204 + new `ETag`. */
export function updated(timeStamp: string): ApiResponse {
  return { status: 204, headers: { etag: timeStamp } };
}

/**
 * A single read with its `ETag` header = the record's `timeStamp` (visma-net.md §5.4). Sent bare, unquoted, so the
 * header equals `timeStamp` byte for byte; whether the real header is quoted is UNCERTAIN.
 */
export function single(record: { timeStamp: string }): ApiResponse {
  return { status: 200, json: record, headers: { etag: record.timeStamp } };
}

/** 404 for a record (visma-net.md §3.1 shape 3; body shape UNCERTAIN, §12.5). */
export function recordNotFound(kind: string, key: string): never {
  throw aspNetError(404, `${kind} with id '${key}' was not found.`);
}
