import { z } from 'zod';
import type { SuperOfficeTransport } from '../../http/transport.js';
import { parseResponse } from '../shared/errors.js';
import { encodePathSegment, entityIdSegment } from '../shared/path.js';
import type { RequestOptions } from '../shared/request-options.js';
import { type CountryItem, countryItemSchema, type ListItem, listItemSchema } from './list-schemas.js';

/** The named lists an ERP mapping typically needs (superoffice.md §10). User-defined lists go by id or name. */
export const KNOWN_LISTS = [
  'Business',
  'Category',
  'Country',
  'Currency',
  'Position',
  'PaymentTerm',
  'PaymentType',
  'DeliveryTerm',
  'DeliveryType',
  'SaleType',
  'ProjectType',
  'ProjectStatus',
  'Source',
  'Reason',
  'ReasonSold',
  'ReasonStalled',
  'Competitor',
  'Rating',
  'Priority',
  'MrMrs',
] as const;

/** One of {@link KNOWN_LISTS}. */
export type KnownList = (typeof KNOWN_LISTS)[number];

/**
 * List items via `GET /v1/List/{name}/Items[/{id}]` (§10). Lists change rarely: cache them (§16). Set
 * `Accept-Language`/`SO-Language` in the transport to get translated names.
 *
 * @example
 * ```ts
 * const businesses = await client.lists.business();
 * const norway = (await client.lists.countries()).find((c) => c.TwoLetterISOCountry === 'NO');
 * ```
 */
export class ListsResource {
  readonly #transport: SuperOfficeTransport;

  /** @param transport - sends the requests. */
  constructor(transport: SuperOfficeTransport) {
    this.#transport = transport;
  }

  /** All items of a list, by name (`Business`) or user-defined list id. */
  async items(list: KnownList | (string & {}) | number, options: RequestOptions = {}): Promise<ListItem[]> {
    return this.#items(list, listItemSchema, options);
  }

  /** One item (`GET /v1/List/{name}/Items/{id}`). */
  async item(
    list: KnownList | (string & {}) | number,
    id: number,
    options: RequestOptions = {},
  ): Promise<ListItem> {
    const path = `${listPath(list)}/${entityIdSegment(id, 'list item id')}`;
    const response = await this.#transport.send({ method: 'GET', path, signal: options.signal });
    return parseResponse(listItemSchema, response.body, { request: `GET ${path}`, status: response.status });
  }

  /** Business items. */
  async business(options: RequestOptions = {}): Promise<ListItem[]> {
    return this.items('Business', options);
  }

  /** Category items. */
  async categories(options: RequestOptions = {}): Promise<ListItem[]> {
    return this.items('Category', options);
  }

  /** Countries, with ISO codes (the Country carrier). */
  async countries(options: RequestOptions = {}): Promise<CountryItem[]> {
    return this.#items('Country', countryItemSchema, options);
  }

  async #items<T>(list: string | number, schema: z.ZodType<T>, options: RequestOptions): Promise<T[]> {
    const path = listPath(list);
    const response = await this.#transport.send({ method: 'GET', path, signal: options.signal });
    return parseResponse(z.array(schema), response.body, { request: `GET ${path}`, status: response.status });
  }
}

function listPath(list: string | number): string {
  return `/v1/List/${encodePathSegment(list, 'list name')}/Items`;
}
