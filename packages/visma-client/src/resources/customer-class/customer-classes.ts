import type { VismaTransport } from '../../http/transport.js';
import type { Paginated } from '../pagination.js';
import { encodePathSegment } from '../path-segment.js';
import type { ListOptions, RequestOptions, ResourceOptions } from '../request-options.js';
import { resourceContext } from '../resource-context.js';
import { getRecord, listRecords, type ResourceContext } from '../resource-requests.js';
import type { WithEtag } from '../results.js';
import { type CustomerClass, customerClassSchema } from './customer-class-schema.js';

/** Customer classes (`/customer/customerClass`, visma-net.md §7.1): read-only reference data. */
export class CustomerClassesResource {
  readonly #context: ResourceContext;

  /** @param transport - sends the requests. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#context = resourceContext(transport, options);
  }

  /** Lists all customer classes. */
  list(options: ListOptions = {}): Paginated<CustomerClass> {
    return listRecords(this.#context, '/customer/customerClass', customerClassSchema, {}, options);
  }

  /** Reads one customer class (`GET /customer/customerClass/{id}`). */
  async get(customerClassId: string, options: RequestOptions = {}): Promise<WithEtag<CustomerClass>> {
    const path = `/customer/customerClass/${encodePathSegment(customerClassId, 'customer class id')}`;
    return getRecord(this.#context, path, customerClassSchema, options);
  }
}
