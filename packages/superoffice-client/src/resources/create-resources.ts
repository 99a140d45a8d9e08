import type { SuperOfficeTransport } from '../http/transport.js';
import { type Contact, type ContactWrite, contactSchema } from './entities/contact.js';
import { EntityResource } from './entities/entity-resource.js';
import { type Person, type PersonWrite, personSchema } from './entities/person.js';
import { type Project, type ProjectWrite, projectSchema } from './entities/project.js';
import { type Sale, type SaleWrite, saleSchema } from './entities/sale.js';
import { ForeignKeysResource } from './foreign-keys/foreign-keys.js';
import { ListsResource } from './lists/lists.js';

/** The typed resources of one tenant, as mounted on the client (`client.contacts.get(5)`). */
export interface SuperOfficeResources {
  /** Companies (`/v1/Contact`; archive key `contactId`). */
  readonly contacts: EntityResource<Contact, ContactWrite>;
  /** Persons (`/v1/Person`; archive key `personId`). */
  readonly persons: EntityResource<Person, PersonWrite>;
  /** Sales (`/v1/Sale`; archive key `saleId`). */
  readonly sales: EntityResource<Sale, SaleWrite>;
  /** Projects (`/v1/Project`; archive key `projectId`). */
  readonly projects: EntityResource<Project, ProjectWrite>;
  /** List items (`/v1/List/{name}/Items`). */
  readonly lists: ListsResource;
  /** Foreign keys (`/v1/ForeignApp/…`). */
  readonly foreignKeys: ForeignKeysResource;
}

/**
 * Creates every typed resource on one transport.
 *
 * @example
 * ```ts
 * const resources = createResources(transport);
 * const contact = await resources.contacts.get(5);
 * ```
 */
export function createResources(transport: SuperOfficeTransport): SuperOfficeResources {
  return {
    contacts: new EntityResource(transport, {
      entity: 'Contact',
      primaryKey: 'contactId',
      schema: contactSchema,
    }),
    persons: new EntityResource(transport, {
      entity: 'Person',
      primaryKey: 'personId',
      schema: personSchema,
    }),
    sales: new EntityResource(transport, { entity: 'Sale', primaryKey: 'saleId', schema: saleSchema }),
    projects: new EntityResource(transport, {
      entity: 'Project',
      primaryKey: 'projectId',
      schema: projectSchema,
    }),
    lists: new ListsResource(transport),
    foreignKeys: new ForeignKeysResource(transport),
  };
}
