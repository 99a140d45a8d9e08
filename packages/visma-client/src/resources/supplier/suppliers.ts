import type { VismaTransport } from '../../http/transport.js';
import type { Paginated } from '../pagination.js';
import { encodePathSegment } from '../path-segment.js';
import type {
  ListOptions,
  ModifiedSinceOptions,
  RequestOptions,
  ResourceOptions,
  WriteOptions,
} from '../request-options.js';
import { resourceContext } from '../resource-context.js';
import {
  createRecord,
  getRecord,
  listRecords,
  modifiedSinceQuery,
  type ResourceContext,
  updateRecord,
} from '../resource-requests.js';
import type { CreateResult, UpdateResult, WithEtag } from '../results.js';
import { type Supplier, supplierSchema } from './supplier-schema.js';
import type { SupplierCreate, SupplierUpdate } from './supplier-write.js';

/**
 * Filters of `GET /supplier`. The reference does not list them (visma-net.md §7.5); these mirror the customer list
 * and are UNCERTAIN.
 */
export interface SupplierListOptions extends ListOptions, ModifiedSinceOptions {
  /** Supplier name. */
  readonly name?: string | undefined;
  /** Supplier status. */
  readonly status?: string | undefined;
  /** Organisation number. */
  readonly corporateId?: string | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | undefined;
}

/** Suppliers (`/supplier`, §7.5), addressed by supplier number. */
export class SuppliersResource {
  readonly #context: ResourceContext;

  /** @param transport - sends the requests; `options.timeZone` sets the zone of date filters. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#context = resourceContext(transport, options);
  }

  /** Lists suppliers page by page. */
  list(options: SupplierListOptions = {}): Paginated<Supplier> {
    return listRecords(
      this.#context,
      '/supplier',
      supplierSchema,
      {
        ...modifiedSinceQuery(this.#context, options),
        name: options.name,
        status: options.status,
        corporateId: options.corporateId,
        vatRegistrationId: options.vatRegistrationId,
      },
      options,
    );
  }

  /** Reads one supplier (`GET /supplier/{number}`), with its ETag. */
  async get(number: string, options: RequestOptions = {}): Promise<WithEtag<Supplier>> {
    return getRecord(this.#context, byNumber(number), supplierSchema, options);
  }

  /** Creates a supplier (`POST /supplier`); no idempotency key, so look up before retrying (§5.5). */
  async create(supplier: SupplierCreate, options: RequestOptions = {}): Promise<CreateResult> {
    return createRecord(this.#context, '/supplier', supplier, options);
  }

  /** Changes the given fields of a supplier (`PUT /supplier/{number}`); returns the new ETag. */
  async update(number: string, changes: SupplierUpdate, options: WriteOptions = {}): Promise<UpdateResult> {
    return updateRecord(this.#context, byNumber(number), changes, options);
  }
}

function byNumber(number: string): string {
  return `/supplier/${encodePathSegment(number, 'supplier number')}`;
}
