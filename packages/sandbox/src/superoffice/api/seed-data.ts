import { deriveSeed, Prng } from '../../visma/api/prng.js';
import type { SuperOfficeSandboxTenant } from '../world.js';
import { ENTITIES, type EntityName } from './entities.js';
import { buildEntity } from './entity-build.js';
import type { JsonObject } from './json.js';
import { COUNTRIES, LISTS } from './lists.js';
import type { SuperOfficeTenantData } from './tenant-data.js';

/**
 * Deterministic seed data per tenant: the owner company (contact 1, named after the tenant), then companies,
 * persons, sales and a few projects, all drawn from a PRNG seeded by (seed, ctx). Times are fixed relative to
 * 2026-01-01, so two runs produce identical records; about a third of the records were never updated
 * (`UpdatedDate` unset, superoffice.md §25.5).
 */

/** How many records to seed. */
export interface SeedCounts {
  /** Companies, the owner company included. */
  readonly contacts: number;
}

const BASE = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const PREFIXES = [
  'Nord',
  'Fjord',
  'Vest',
  'Aust',
  'Sør',
  'Fjell',
  'Hav',
  'Skog',
  'Lys',
  'Berg',
  'Elv',
  'Kyst',
];
const SUFFIXES = [
  'fisk',
  'data',
  'bygg',
  'handel',
  'shipping',
  'consult',
  'tech',
  'mat',
  'energi',
  'transport',
];
const FORMS = ['AS', 'ASA', 'AB', 'ApS', 'Ltd'];
const FIRST = [
  'Ola',
  'Kari',
  'Nils',
  'Ingrid',
  'Lars',
  'Sofie',
  'Emil',
  'Nora',
  'Jonas',
  'Maja',
  'Erik',
  'Ida',
];
const LAST = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Berg',
  'Dahl',
  'Lie',
];
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['0150', 'Oslo'],
  ['5003', 'Bergen'],
  ['7010', 'Trondheim'],
  ['9008', 'Tromsø'],
  ['4006', 'Stavanger'],
];

function ids(list: string): number[] {
  return (LISTS.get(list.toLowerCase())?.items ?? []).filter((i) => !i.Deleted).map((i) => i.Id);
}

/** Seeds one tenant's tables (they must be empty). Publishes nothing. */
export function seedTenant(
  data: SuperOfficeTenantData,
  tenant: SuperOfficeSandboxTenant,
  seed: number,
  counts: SeedCounts,
): void {
  const prng = new Prng(deriveSeed(seed, tenant.ctx));
  const associates = [...[5, 7].filter((id) => data.resolver.associate(id)), 0];
  const insert = (entity: EntityName, input: JsonObject) => {
    const created = BASE - prng.int(30, 900) * DAY - prng.int(0, DAY / 1000) * 1000;
    const updated = prng.chance(0.66) ? created + prng.int(1, 25) * DAY : undefined;
    const by = prng.pick(associates);
    const write = { now: created, associateId: by, updatedOnCreate: false };
    let record = buildEntity(ENTITIES[entity], input, undefined, data.resolver, write);
    if (updated !== undefined) {
      record = buildEntity(ENTITIES[entity], record, record, data.resolver, { ...write, now: updated });
    }
    return data.tables[entity].insert(record);
  };

  const contactIds: number[] = [];
  for (let i = 0; i < counts.contacts; i++) {
    const owner = i === 0;
    const [zip, city] = prng.pick(CITIES);
    const name = owner ? tenant.name : `${prng.pick(PREFIXES)}${prng.pick(SUFFIXES)} ${prng.pick(FORMS)}`;
    const domain = `${name.toLowerCase().replace(/[^a-z]/g, '')}${i}.example`;
    const udfSet = prng.chance(0.5);
    contactIds.push(
      insert('Contact', {
        Name: name,
        Department: prng.chance(0.2) ? prng.pick(['Sales', 'Support', 'Finance']) : '',
        OrgNr: String(prng.int(900_000_000, 999_999_999)),
        Number1: prng.chance(0.6) ? String(10_000 + i) : '',
        Number2: `K${1000 + i}`,
        Phones: [{ Value: `+47 ${prng.int(20_000_000, 99_999_999)}`, Description: 'Main' }],
        Emails: [{ Value: `post@${domain}`, Description: '' }],
        Urls: prng.chance(0.5) ? [{ Value: `https://${domain}`, Description: '' }] : [],
        Address: {
          Postal: { Address1: `Postboks ${prng.int(1, 999)}`, Zipcode: zip, City: city },
          Street: { Address1: `${prng.pick(PREFIXES)}gata ${prng.int(1, 120)}`, Zipcode: zip, City: city },
        },
        Country: { CountryId: prng.chance(0.85) ? 578 : prng.pick(COUNTRIES).CountryId },
        Business: { Id: prng.pick(ids('Business')) },
        Category: { Id: prng.pick(ids('Category')) },
        Associate: { AssociateId: prng.pick(associates) },
        CustomFields: udfSet
          ? {
              'SuperOffice:1': prng.pick(['SMB', 'Enterprise', 'Public']),
              'SuperOffice:2': `[I:${prng.int(1, 50) * 1000}]`,
              'SuperOffice:3': `[D:${String(prng.int(1, 28)).padStart(2, '0')}.0${prng.int(1, 9)}.20${prng.int(10, 25)}]`,
              x_erpstatus: prng.pick(['active', 'blocked']),
            }
          : {},
      }),
    );
  }

  const personsByContact = new Map<number, number[]>();
  for (let i = 0; i < counts.contacts * 2; i++) {
    const contactId = prng.pick(contactIds);
    const first = prng.pick(FIRST);
    const last = prng.pick(LAST);
    const id = insert('Person', {
      Firstname: first,
      Lastname: last,
      Contact: { ContactId: contactId },
      Emails: [{ Value: `${first}.${last}.${i}@example.com`.toLowerCase(), Description: '' }],
      MobilePhones: [{ Value: `+47 ${prng.int(40_000_000, 49_999_999)}`, Description: '' }],
      Position: prng.chance(0.5) ? { Id: prng.pick(ids('Position')) } : null,
      Country: { CountryId: 578 },
      Consents: [],
    });
    personsByContact.set(contactId, [...(personsByContact.get(contactId) ?? []), id]);
  }

  const projectIds: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(counts.contacts / 40)); i++) {
    projectIds.push(
      insert('Project', {
        Name: `${prng.pick(['ERP rollout', 'CRM cleanup', 'Web shop', 'Migration'])} ${i + 1}`,
        ProjectNumber: `P-${100 + i}`,
        ProjectStatus: { Id: prng.pick(ids('ProjectStatus')) },
        ProjectType: { Id: prng.pick(ids('ProjectType')) },
        Completed: prng.chance(0.3),
      }),
    );
  }

  for (let i = 0; i < Math.round(counts.contacts / 2); i++) {
    const contactId = prng.pick(contactIds);
    const persons = personsByContact.get(contactId) ?? [];
    insert('Sale', {
      Heading: `${prng.pick(['Licences', 'Consulting', 'Hardware', 'Support agreement'])} ${i + 1}`,
      Amount: prng.int(1, 500) * 1000,
      Probability: prng.pick([10, 25, 50, 75, 100]),
      Saledate: new Date(BASE + prng.int(-200, 200) * DAY).toISOString().slice(0, 19),
      Currency: { Id: 1 },
      Status: prng.pick(['Open', 'Open', 'Sold', 'Lost', 'Stalled']),
      Completed: 'NotStarted',
      Contact: { ContactId: contactId },
      Person: persons.length > 0 && prng.chance(0.7) ? { PersonId: prng.pick(persons) } : null,
      Project: prng.chance(0.2) ? { ProjectId: prng.pick(projectIds) } : null,
      SaleType: { Id: prng.pick(ids('SaleType')) },
    });
  }
}
