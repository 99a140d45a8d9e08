import { type ArchiveColumn, at } from './columns.js';
import { type CustomFieldDef, decodeCustomValue } from './custom-fields.js';
import { parseSoDate } from './dates.js';
import type { EntityDescriptor } from './entities.js';
import type { JsonObject } from './json.js';

/**
 * Column lookup for an entity's archive provider: the fixed columns plus `contactUdef/SuperOffice:n` and
 * `contactExtra/x_…` (superoffice.md §11 "In archive queries"), all case-insensitive. UDF columns are typed from the
 * field definition and read the decoded value (`[I:12]` → 12).
 */

function customColumn(name: string, def: CustomFieldDef): ArchiveColumn {
  const raw = (e: JsonObject): string => {
    const v = at(e, `CustomFields.${def.key}`);
    return typeof v === 'string' ? decodeCustomValue(v) : '';
  };
  switch (def.type) {
    case 'int':
    case 'float':
      return {
        name,
        type: def.type === 'int' ? 'int' : 'number',
        value: (e) => (raw(e) === '' ? undefined : Number(raw(e))),
        display: raw,
      };
    case 'checkbox':
      return {
        name,
        type: 'bool',
        value: (e) => raw(e) === '1',
        display: (e) => (raw(e) === '1' ? 'True' : 'False'),
      };
    case 'date':
      return {
        name,
        type: 'date',
        value: (e) => {
          const match = /^(\d{2})[./](\d{2})[./](\d{4})$/.exec(raw(e));
          return match ? parseSoDate(`${match[3]}-${match[2]}-${match[1]}`) : undefined;
        },
        display: raw,
      };
    default:
      return { name, type: 'string', value: raw, display: raw };
  }
}

/** Resolves a column name of an entity's provider, or `undefined`. */
export function archiveColumn(descriptor: EntityDescriptor, name: string): ArchiveColumn | undefined {
  const lower = name.toLowerCase();
  const fixed = descriptor.columns.find((c) => c.name.toLowerCase() === lower);
  if (fixed) return fixed;
  for (const [prefix, defs] of [
    [descriptor.udefPrefix, descriptor.udfs],
    [descriptor.extraPrefix, descriptor.extras],
  ] as const) {
    if (!lower.startsWith(prefix.toLowerCase())) continue;
    const key = name.slice(prefix.length).toLowerCase();
    const def = defs.find((d) => d.key.toLowerCase() === key);
    if (def) return customColumn(`${prefix}${def.key}`, def);
  }
  return undefined;
}

/** Every column name of an entity's provider, for error messages. */
export function archiveColumnNames(descriptor: EntityDescriptor): string[] {
  return [
    ...descriptor.columns.map((c) => c.name),
    ...descriptor.udfs.map((d) => `${descriptor.udefPrefix}${d.key}`),
    ...descriptor.extras.map((d) => `${descriptor.extraPrefix}${d.key}`),
  ];
}
