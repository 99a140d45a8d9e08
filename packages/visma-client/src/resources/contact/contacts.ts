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
import { type Contact, contactSchema } from './contact-schema.js';
import type { ContactCreate, ContactUpdate } from './contact-write.js';

/** Filters of `GET /contact` (visma-net.md §7.2). */
export interface ContactListOptions extends ListOptions, ModifiedSinceOptions {
  /** Only contacts of this customer (or supplier) number. */
  readonly businessAccount?: string | undefined;
  /** E-mail address. */
  readonly email?: string | undefined;
}

/**
 * Contact persons (`/contact`, §7.2). There are no contact webhooks, so poll with `modifiedSince`.
 *
 * @example
 * ```ts
 * const people = await client.contacts.list({ businessAccount: '10000' }).toArray({ limit: 100 });
 * ```
 */
export class ContactsResource {
  readonly #records: RecordEndpoint<Contact>;

  /** @param transport - sends the requests; `options.timeZone` sets the zone of date filters. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#records = recordEndpoint(transport, options, '/contact', contactSchema);
  }

  /** Lists contacts page by page. */
  list(options: ContactListOptions = {}): Paginated<Contact> {
    const { businessAccount, email } = options;
    return this.#records.list({ businessAccount, email }, options);
  }

  /** Reads one contact (`GET /contact/{contactId}`), with its ETag. */
  async get(contactId: number | string, options: RequestOptions = {}): Promise<WithEtag<Contact>> {
    return this.#records.get(byId(contactId), options);
  }

  /** Creates a contact (`POST /contact`); no idempotency key, so look up before retrying (§5.5). */
  async create(contact: ContactCreate, options: RequestOptions = {}): Promise<CreateResult> {
    return this.#records.create(contact, options);
  }

  /** Changes the given fields of a contact (`PUT /contact/{contactId}`); returns the new ETag. */
  async update(
    contactId: number | string,
    changes: ContactUpdate,
    options: WriteOptions = {},
  ): Promise<UpdateResult> {
    return this.#records.update(byId(contactId), changes, options);
  }
}

function byId(contactId: number | string): string {
  return `/contact/${encodePathSegment(contactId, 'contact id')}`;
}
