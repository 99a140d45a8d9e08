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
  readonly #records: RecordEndpoint<Supplier>;

  /** @param transport - sends the requests; `options.timeZone` sets the zone of date filters. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#records = recordEndpoint(transport, options, '/supplier', supplierSchema);
  }

  /** Lists suppliers page by page. */
  list(options: SupplierListOptions = {}): Paginated<Supplier> {
    const { name, status, corporateId, vatRegistrationId } = options;
    return this.#records.list({ name, status, corporateId, vatRegistrationId }, options);
  }

  /** Reads one supplier (`GET /supplier/{number}`), with its ETag. */
  async get(number: string, options: RequestOptions = {}): Promise<WithEtag<Supplier>> {
    return this.#records.get(byNumber(number), options);
  }

  /** Creates a supplier (`POST /supplier`); no idempotency key, so look up before retrying (§5.5). */
  async create(supplier: SupplierCreate, options: RequestOptions = {}): Promise<CreateResult> {
    return this.#records.create(supplier, options);
  }

  /** Changes the given fields of a supplier (`PUT /supplier/{number}`); returns the new ETag. */
  async update(number: string, changes: SupplierUpdate, options: WriteOptions = {}): Promise<UpdateResult> {
    return this.#records.update(byNumber(number), changes, options);
  }
}

function byNumber(number: string): string {
  return `/supplier/${encodePathSegment(number, 'supplier number')}`;
}
