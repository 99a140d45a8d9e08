import { type JsonObject, READY_MAPPINGS } from '@databridge/core';
import { stringify } from 'yaml';
import type { ProfileFile } from './profile-file.js';

/** A starting point for a profile: one of core's ready-made mappings with the ends and keys it is meant for. */
export interface ProfileTemplate {
  /** The ready-made mapping's name (a key of `READY_MAPPINGS`). */
  readonly mapping: string;
  /** The mapping's title. */
  readonly title: string;
  /** A name for a profile made from it. */
  readonly defaultName: string;
  /** The system and entity records come from. */
  readonly source: { readonly system: 'visma' | 'superoffice'; readonly entity: string };
  /** The system and entity records go to. */
  readonly target: { readonly system: 'visma' | 'superoffice'; readonly entity: string };
  /** Matching keys on the receiving side. */
  readonly matchingKeys: readonly string[];
  /** Options it needs; `links` lookups name the company profile (`companiesProfile`). */
  options(companiesProfile: string): JsonObject;
  /** Whether its options refer to the company profile's links. */
  readonly needsCompanies: boolean;
}

const customerNumberFromLinks = (companies: string): JsonObject => ({
  lookups: {
    superofficeContactIdByCustomerNumber: { links: companies, key: { target: 'number' }, value: 'sourceKey' },
  },
});

const BASE: readonly Omit<ProfileTemplate, 'title'>[] = [
  {
    mapping: 'superoffice-contact-to-visma-customer',
    defaultName: 'Companies',
    source: { system: 'superoffice', entity: 'Contact' },
    target: { system: 'visma', entity: 'customer' },
    matchingKeys: ['corporateId', 'name+mainAddress.postalCode'],
    options: () => ({}),
    needsCompanies: false,
  },
  {
    mapping: 'visma-customer-to-superoffice-contact',
    defaultName: 'Customers to SuperOffice',
    source: { system: 'visma', entity: 'customer' },
    target: { system: 'superoffice', entity: 'Contact' },
    matchingKeys: ['OrgNr', 'Name'],
    options: () => ({
      lookups: {
        superofficeCountryIdByIso: { table: { NO: 578, SE: 752, DK: 208 } },
        superofficeCategoryIdByClass: { table: {} },
      },
    }),
    needsCompanies: false,
  },
  {
    mapping: 'superoffice-person-to-visma-contact',
    defaultName: 'Persons',
    source: { system: 'superoffice', entity: 'Person' },
    target: { system: 'visma', entity: 'contact' },
    matchingKeys: ['email'],
    options: (companies) => ({
      lookups: {
        vismaCustomerNumberByContactId: { links: companies, key: 'sourceKey', value: { target: 'number' } },
      },
    }),
    needsCompanies: true,
  },
  {
    mapping: 'visma-contact-to-superoffice-person',
    defaultName: 'Contacts to SuperOffice',
    source: { system: 'visma', entity: 'contact' },
    target: { system: 'superoffice', entity: 'Person' },
    matchingKeys: ['Emails[0].Value'],
    options: customerNumberFromLinks,
    needsCompanies: true,
  },
  {
    mapping: 'visma-invoice-to-superoffice-sale',
    defaultName: 'Invoices',
    source: { system: 'visma', entity: 'customerInvoice' },
    target: { system: 'superoffice', entity: 'Sale' },
    matchingKeys: ['Number'],
    options: customerNumberFromLinks,
    needsCompanies: true,
  },
];

/** A template for every ready-made mapping (mappings added to core later get a generic one). */
export const PROFILE_TEMPLATES: readonly ProfileTemplate[] = Object.entries(READY_MAPPINGS).map(
  ([mapping, ready]) => {
    const known = BASE.find((t) => t.mapping === mapping);
    const title = ready.spec.name ?? mapping;
    const [sourceSystem, sourceEntity = ''] = (ready.spec.source ?? '').split('.');
    const [targetSystem, targetEntity = ''] = ready.target.split('.');
    return (
      known
        ? { ...known, title }
        : {
            mapping,
            title,
            defaultName: title,
            source: { system: sourceSystem === 'visma' ? 'visma' : 'superoffice', entity: sourceEntity },
            target: { system: targetSystem === 'visma' ? 'visma' : 'superoffice', entity: targetEntity },
            matchingKeys: [],
            options: () => ({}),
            needsCompanies: false,
          }
    ) satisfies ProfileTemplate;
  },
);

/** The template of a ready-made mapping, or `undefined`. */
export function findTemplate(mapping: string): ProfileTemplate | undefined {
  return PROFILE_TEMPLATES.find((t) => t.mapping === mapping);
}

/** Connection names a template's starter file uses. */
export interface TemplateConnections {
  /** The Visma connection's name. */
  readonly visma: string;
  /** The SuperOffice connection's name. */
  readonly superoffice: string;
  /** The profile syncing companies (for templates that look customer numbers up in its links). */
  readonly companies?: string | undefined;
}

/** The profile file a template starts from. */
export function templateProfile(template: ProfileTemplate, connections: TemplateConnections): ProfileFile {
  return {
    name: template.defaultName,
    source: { connection: connections[template.source.system], entity: template.source.entity },
    target: { connection: connections[template.target.system], entity: template.target.entity },
    direction: 'source_to_target',
    mapping: template.mapping,
    matchingKeys: template.matchingKeys,
    options: template.options(connections.companies ?? 'Companies'),
  };
}

/** A profile file as YAML, with a comment naming what it is. */
export function profileYaml(profile: ProfileFile, comment?: string): string {
  const body = stringify(profile, { lineWidth: 0 });
  return comment ? `${comment.replace(/^/gm, '# ')}\n${body}` : body;
}
