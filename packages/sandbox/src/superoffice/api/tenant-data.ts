import type { SuperOfficeEvent, SuperOfficeWorld } from '../world.js';
import type { CarrierResolver } from './carriers.js';
import { ENTITIES, type EntityName } from './entities.js';
import { buildEntity, templateEntity } from './entity-build.js';
import { EntityTable } from './entity-table.js';
import { notFound } from './errors.js';
import { ForeignKeyStore } from './foreign-keys.js';
import type { JsonObject, JsonValue } from './json.js';

/** Options that change how writes are stamped. */
export interface TenantWriteSettings {
  /** See {@link SuperOfficeTenantData.updatedOnCreate}. */
  updatedOnCreate: boolean;
}

/**
 * The records of one tenant: Contact, Person, Sale and Project tables plus foreign keys. Writes here behave like the
 * API's (stamps, carriers, webhook events, §18), so tests can also stage changes "made in the UI" through them.
 */
export class SuperOfficeTenantData {
  /** Context identifier. */
  readonly ctx: string;
  /** Tables by entity name. */
  readonly tables: Readonly<Record<EntityName, EntityTable>>;
  /** Foreign keys (§19). */
  readonly foreignKeys = new ForeignKeyStore();
  /** Resolves carriers against this tenant's records and the world's associates. */
  readonly resolver: CarrierResolver;
  readonly #world: SuperOfficeWorld;
  readonly #settings: TenantWriteSettings;

  /** @internal Created by `SuperOfficeApiData`. */
  constructor(world: SuperOfficeWorld, ctx: string, settings: TenantWriteSettings) {
    this.ctx = ctx;
    this.#world = world;
    this.#settings = settings;
    this.tables = {
      Contact: new EntityTable('ContactId'),
      Person: new EntityTable('PersonId'),
      Sale: new EntityTable('SaleId'),
      Project: new EntityTable('ProjectId'),
    };
    this.resolver = {
      contact: (id) => this.tables.Contact.peek(id),
      person: (id) => this.tables.Person.peek(id),
      project: (id) => this.tables.Project.peek(id),
      associate: (id) => {
        if (id === 0) return { name: 'SYSTEM', fullName: 'System user', email: '' };
        const user = world.users.get(id);
        return user?.tenants.includes(ctx)
          ? { name: user.email.split('@')[0] ?? '', fullName: user.name, email: user.email }
          : undefined;
      },
    };
  }

  /** Contacts (companies). */
  get contacts(): EntityTable {
    return this.tables.Contact;
  }

  /** Persons. */
  get persons(): EntityTable {
    return this.tables.Person;
  }

  /** Sales. */
  get sales(): EntityTable {
    return this.tables.Sale;
  }

  /** Projects. */
  get projects(): EntityTable {
    return this.tables.Project;
  }

  /** Whether creates also set `UpdatedDate` (superoffice.md §25.5 UNCERTAIN; default `false`). */
  get updatedOnCreate(): boolean {
    return this.#settings.updatedOnCreate;
  }

  /** The `/default` template of an entity for a caller. */
  template(entity: EntityName, associateId: number, now: number = Date.now()): JsonObject {
    return templateEntity(ENTITIES[entity], this.resolver, associateId, now);
  }

  /** Creates a record from a written entity; publishes `{entity}.created`. Returns the stored record (a copy). */
  create(entity: EntityName, input: JsonValue, associateId: number, now: number = Date.now()): JsonObject {
    const descriptor = ENTITIES[entity];
    const record = buildEntity(descriptor, input, undefined, this.resolver, this.#stamp(associateId, now));
    const id = this.tables[entity].insert(record);
    this.#publish(`${descriptor.table}.created`, descriptor.table, id, associateId);
    return this.tables[entity].get(id) as JsonObject;
  }

  /**
   * Replaces a record with a written entity (PUT, or the document a PATCH produced); publishes
   * `{entity}.changed` and, for sales whose status changed, `sale.sold` / `sale.lost` (§18).
   * @throws SuperOfficeApiHttpError 404 when there is no such record.
   */
  update(
    entity: EntityName,
    id: number,
    input: JsonValue,
    associateId: number,
    now: number = Date.now(),
  ): JsonObject {
    const descriptor = ENTITIES[entity];
    const table = this.tables[entity];
    const previous = table.peek(id);
    if (!previous) throw notFound(entity, id);
    const record = buildEntity(descriptor, input, previous, this.resolver, this.#stamp(associateId, now));
    record[descriptor.pk] = id;
    table.put(id, record);
    this.#publish(`${descriptor.table}.changed`, descriptor.table, id, associateId);
    if (entity === 'Sale' && record.Status !== previous.Status) {
      if (record.Status === 'Sold') this.#publish('sale.sold', 'sale', id, associateId);
      if (record.Status === 'Lost') this.#publish('sale.lost', 'sale', id, associateId);
    }
    return table.get(id) as JsonObject;
  }

  /**
   * Deletes a record and its foreign keys; publishes `{entity}.deleted`. Deleting a contact also deletes its
   * persons (each publishing `person.deleted`). The REST DELETE is a hard delete: the soft delete of §12 is what the
   * UI does.
   * @throws SuperOfficeApiHttpError 404 when there is no such record.
   */
  delete(entity: EntityName, id: number, associateId: number): void {
    const descriptor = ENTITIES[entity];
    if (!this.tables[entity].delete(id)) throw notFound(entity, id);
    this.foreignKeys.deleteRecord(descriptor.table, id);
    this.#publish(`${descriptor.table}.deleted`, descriptor.table, id, associateId);
    if (entity !== 'Contact') return;
    for (const person of [...this.persons.rows()]) {
      const contact = person.Contact as JsonObject | null;
      if (contact?.ContactId === id) this.delete('Person', person.PersonId as number, associateId);
    }
  }

  #stamp(associateId: number, now: number) {
    return { now, associateId, updatedOnCreate: this.#settings.updatedOnCreate };
  }

  #publish(event: string, entity: string, primaryKey: number, changedByAssociateId: number): void {
    const payload: SuperOfficeEvent = { event, ctx: this.ctx, primaryKey, entity, changedByAssociateId };
    this.#world.publish(payload);
  }
}
