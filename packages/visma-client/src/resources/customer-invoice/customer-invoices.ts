import type { VismaTransport } from '../../http/transport.js';
import type { Paginated } from '../pagination.js';
import { encodePathSegment } from '../path-segment.js';
import { type RecordEndpoint, recordEndpoint } from '../record-endpoint.js';
import type {
  ListOptions,
  ModifiedSinceOptions,
  RequestOptions,
  ResourceOptions,
} from '../request-options.js';
import type { CreateResult, WithEtag } from '../results.js';
import {
  type CustomerInvoice,
  type CustomerInvoiceStatus,
  customerInvoiceSchema,
} from './customer-invoice-schema.js';
import type { CustomerInvoiceCreate } from './customer-invoice-write.js';

/** Filters of `GET /customerinvoice` (visma-net.md §7.3). */
export interface CustomerInvoiceListOptions extends ListOptions, ModifiedSinceOptions {
  /** Only invoices of this customer number. */
  readonly customer?: string | undefined;
  /** Your reference given at creation. */
  readonly externalReference?: string | undefined;
  /** Document status. */
  readonly status?: CustomerInvoiceStatus | undefined;
}

/**
 * Customer invoices (`/customerinvoice`, §7.3): read and create. Updates, deletes and actions (release, …) are not
 * typed yet; use `client.request` for them.
 *
 * @example
 * ```ts
 * const { id } = await client.customerInvoices.create({
 *   customerNumber: '10000',
 *   externalReference: 'SO-4711',
 *   invoiceLines: [{ operation: 'Insert', inventoryNumber: 'CONSULT', quantity: 10, uom: 'HOUR' }],
 * });
 * ```
 */
export class CustomerInvoicesResource {
  readonly #records: RecordEndpoint<CustomerInvoice>;

  /** @param transport - sends the requests; `options.timeZone` sets the zone of date filters. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#records = recordEndpoint(transport, options, '/customerinvoice', customerInvoiceSchema);
  }

  /** Lists customer invoices page by page. */
  list(options: CustomerInvoiceListOptions = {}): Paginated<CustomerInvoice> {
    const { customer, externalReference, status } = options;
    return this.#records.list({ customer, externalReference, status }, options);
  }

  /** Reads one invoice (`GET /customerinvoice/{invoiceNumber}`), with its ETag. */
  async get(invoiceNumber: string, options: RequestOptions = {}): Promise<WithEtag<CustomerInvoice>> {
    const path = `/customerinvoice/${encodePathSegment(invoiceNumber, 'invoice number')}`;
    return this.#records.get(path, options);
  }

  /**
   * Creates an invoice with its lines (`POST /customerinvoice`). There is no idempotency key (§5.5): after an
   * ambiguous failure, look it up by `externalReference` before creating it again.
   */
  async create(invoice: CustomerInvoiceCreate, options: RequestOptions = {}): Promise<CreateResult> {
    return this.#records.create(invoice, options);
  }
}
