import type { VismaTransport } from '../../http/transport.js';
import type { Paginated } from '../pagination.js';
import { encodePathSegment } from '../path-segment.js';
import { type RecordEndpoint, recordEndpoint } from '../record-endpoint.js';
import type {
  ListOptions,
  ModifiedSinceOptions,
  RequestOptions,
  ResourceOptions,
  WriteOptions,
} from '../request-options.js';
import type { CreateResult, UpdateResult, WithEtag } from '../results.js';
import { type Customer, type CustomerStatus, customerSchema } from './customer-schema.js';
import type { CustomerCreate, CustomerUpdate } from './customer-write.js';

/** Filters of `GET /customer` (visma-net.md §7.1); all are exact matches except `modifiedSince`. */
export interface CustomerListOptions extends ListOptions, ModifiedSinceOptions {
  /** Customer name. */
  readonly name?: string | undefined;
  /** Customer status. */
  readonly status?: CustomerStatus | undefined;
  /** Organisation number. */
  readonly corporateId?: string | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | undefined;
  /** E-mail address. */
  readonly email?: string | undefined;
}

/**
 * Customers (`/customer`, §7.1). Address a customer by `number` (human, can change) or by `internalId` (stable: the
 * sync key).
 *
 * @example
 * ```ts
 * const customer = await client.customers.get('10000');
 * await client.customers.update('10000', { name: 'Acme AS' }, { ifMatch: customer.etag });
 * ```
 */
export class CustomersResource {
  readonly #records: RecordEndpoint<Customer>;

  /** @param transport - sends the requests; `options.timeZone` sets the zone of date filters. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#records = recordEndpoint(transport, options, '/customer', customerSchema);
  }

  /**
   * Lists customers page by page, e.g. everything modified since the last run.
   *
   * @example
   * ```ts
   * for await (const customer of client.customers.list({ modifiedSince: lastRun })) upsert(customer);
   * ```
   */
  list(options: CustomerListOptions = {}): Paginated<Customer> {
    const { name, status, corporateId, vatRegistrationId, email } = options;
    return this.#records.list({ name, status, corporateId, vatRegistrationId, email }, options);
  }

  /** Reads one customer by number (`GET /customer/{number}`), with its ETag. */
  async get(number: string, options: RequestOptions = {}): Promise<WithEtag<Customer>> {
    return this.#records.get(byNumber(number), options);
  }

  /** Reads one customer by internal id (`GET /customer/internal/{internalId}`), with its ETag. */
  async getByInternalId(
    internalId: number | string,
    options: RequestOptions = {},
  ): Promise<WithEtag<Customer>> {
    return this.#records.get(byInternalId(internalId), options);
  }

  /**
   * Creates a customer (`POST /customer`). There is no idempotency key (§5.5): after an ambiguous failure, look the
   * customer up (e.g. by `corporateId`) before creating it again.
   *
   * @example
   * ```ts
   * const { id } = await client.customers.create({
   *   name: 'Acme AS', customerClassId: '1', overrideWithClassValues: true,
   *   mainAddress: { addressLine1: 'Karenslyst Alle 56', postalCode: '0277', city: 'Oslo', countryId: 'NO' },
   * });
   * ```
   */
  async create(customer: CustomerCreate, options: RequestOptions = {}): Promise<CreateResult> {
    return this.#records.create(customer, options);
  }

  /** Changes the given fields of a customer by number (`PUT /customer/{number}`); returns the new ETag. */
  async update(number: string, changes: CustomerUpdate, options: WriteOptions = {}): Promise<UpdateResult> {
    return this.#records.update(byNumber(number), changes, options);
  }

  /** Changes the given fields of a customer by internal id (`PUT /customer/internal/{internalId}`). */
  async updateByInternalId(
    internalId: number | string,
    changes: CustomerUpdate,
    options: WriteOptions = {},
  ): Promise<UpdateResult> {
    return this.#records.update(byInternalId(internalId), changes, options);
  }
}

function byNumber(number: string): string {
  return `/customer/${encodePathSegment(number, 'customer number')}`;
}

function byInternalId(internalId: number | string): string {
  return `/customer/internal/${encodePathSegment(internalId, 'customer internalId')}`;
}
