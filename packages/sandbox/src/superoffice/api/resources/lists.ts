import { intParam, type SoResponse } from '../context.js';
import { notFound } from '../errors.js';
import { cloneJson, type JsonObject } from '../json.js';
import { COUNTRIES, LISTS } from '../lists.js';
import type { SoRoute } from '../router.js';

/**
 * Lists (superoffice.md §8.1 `/api/v1/List/{name}/Items[/{id}]`, §10): `ListItemEntity` arrays; the Country list
 * answers Country carriers. List names are case-insensitive; an unknown list is 404.
 */

function items(name: string): readonly JsonObject[] {
  if (name.toLowerCase() === 'country') return COUNTRIES;
  const list = LISTS.get(name.toLowerCase());
  if (!list) throw notFound('List', name);
  return list.items;
}

/** List routes. */
export const listRoutes: readonly SoRoute[] = [
  {
    method: 'GET',
    pattern: '/v1/List',
    handler: (): SoResponse => ({
      status: 200,
      json: ['Country', ...[...LISTS.values()].map((l) => l.name)].map((name) => ({ Name: name, Id: 0 })),
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/List/:name/Items',
    handler: (c): SoResponse => ({
      status: 200,
      json: items(c.params.name ?? '').map((item) => cloneJson(item)),
    }),
  },
  {
    method: 'GET',
    pattern: '/v1/List/:name/Items/:id',
    handler: (c): SoResponse => {
      const name = c.params.name ?? '';
      const id = intParam(c, 'id');
      const found = items(name).find(
        (item) => ('CountryId' in item ? item.CountryId : (item as { Id: number }).Id) === id,
      );
      if (!found) throw notFound(`${name} item`, id);
      return { status: 200, json: cloneJson(found) };
    },
  },
];
