import { isDeepStrictEqual } from 'node:util';
import { badRequest, soError } from './errors.js';
import { cloneJson, findKey, isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * PATCH bodies (superoffice.md §12): JSON Patch (RFC 6902, "preferred") with ops `add`, `replace`, `remove`,
 * `test` only (no `move`/`copy`), case-insensitive paths with an optional leading `/`; and JSON Merge Patch
 * (RFC 7396), which SuperOffice converts to JSON Patch: an *object* where an array is expected appends
 * (`add /Phones/-`), an *array* replaces the array. A failed `test` answers **409** (§13). Both apply to a copy of
 * the stored entity; the result then goes through the same checks as a PUT.
 */

const OPS = new Set(['add', 'replace', 'remove', 'test']);

/** Splits a JSON Pointer-ish path: optional leading `/`, `~1` → `/`, `~0` → `~`. */
function segments(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  if (trimmed === '')
    throw badRequest('A JSON Patch path must name a property, e.g. "Name" or "/Phones/0/Value"');
  return trimmed.split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

interface Slot {
  readonly parent: JsonObject | JsonValue[];
  /** Existing key (objects, case-insensitively resolved) or index; `-` for the end of an array. */
  readonly key: string;
  readonly exists: boolean;
}

function resolve(root: JsonObject, path: string): Slot {
  const parts = segments(path);
  let current: JsonValue = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    if (Array.isArray(current)) {
      const index: number = part === '-' ? current.length : Number(part);
      if (!Number.isInteger(index) || index < 0 || index > current.length)
        throw badRequest(`Path '${path}': '${part}' is not a valid index of an array of ${current.length}`);
      if (last) return { parent: current, key: String(index), exists: index < current.length };
      current = current[index] ?? null;
    } else if (isJsonObject(current)) {
      const key = findKey(current, part);
      if (i === 0 && key === undefined)
        throw badRequest(`Path '${path}': the entity has no property '${part}'`);
      if (last) return { parent: current, key: key ?? part, exists: key !== undefined };
      if (key === undefined) throw badRequest(`Path '${path}': '${part}' does not exist`);
      current = current[key] ?? null;
    } else {
      throw badRequest(`Path '${path}': '${part}' is below a value that is not an object or array`);
    }
  }
  throw badRequest(`Path '${path}' is empty`);
}

function read(slot: Slot): JsonValue | undefined {
  if (!slot.exists) return undefined;
  return Array.isArray(slot.parent) ? slot.parent[Number(slot.key)] : slot.parent[slot.key];
}

function applyOperation(root: JsonObject, operation: JsonValue, index: number): void {
  if (!isJsonObject(operation)) throw badRequest(`JSON Patch operation ${index} is not an object`);
  const op = operation[findKey(operation, 'op') ?? 'op'];
  const path = operation[findKey(operation, 'path') ?? 'path'];
  const valueKey = findKey(operation, 'value');
  if (typeof op !== 'string' || !OPS.has(op.toLowerCase()))
    throw badRequest(
      `JSON Patch operation ${index}: op '${String(op)}' is not supported (use add, replace, remove or test)`,
    );
  if (typeof path !== 'string') throw badRequest(`JSON Patch operation ${index} has no path`);
  const kind = op.toLowerCase();
  if (kind !== 'remove' && valueKey === undefined)
    throw badRequest(`JSON Patch operation ${index} (${kind} ${path}) has no value`);
  const value = valueKey === undefined ? null : (operation[valueKey] ?? null);
  const slot = resolve(root, path);
  const { parent, key } = slot;
  switch (kind) {
    case 'test': {
      if (!isDeepStrictEqual(read(slot), value))
        throw soError(
          409,
          'SoJsonPatchTestFailedException',
          `Test failed: '${path}' is not ${JSON.stringify(value)}`,
          {
            extra: { Path: path, CurrentValue: read(slot) ?? null },
          },
        );
      return;
    }
    case 'replace':
      if (!slot.exists) throw badRequest(`Cannot replace '${path}': it does not exist`);
      if (Array.isArray(parent)) parent[Number(key)] = cloneJson(value);
      else parent[key] = cloneJson(value);
      return;
    case 'add':
      if (Array.isArray(parent)) parent.splice(Number(key), 0, cloneJson(value));
      else parent[key] = cloneJson(value);
      return;
    default:
      if (!slot.exists) throw badRequest(`Cannot remove '${path}': it does not exist`);
      // Entity properties cannot disappear: removing one resets it (null → the field's empty value).
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else parent[key] = null;
  }
}

/**
 * Applies a JSON Patch document to a copy of `entity`.
 * @throws SuperOfficeApiHttpError 400 for a malformed document, 409 for a failed `test`.
 */
export function applyJsonPatch(entity: JsonObject, patch: JsonValue): JsonObject {
  if (!Array.isArray(patch)) throw badRequest('A JSON Patch document must be an array of operations');
  const result = cloneJson(entity);
  patch.forEach((operation, index) => {
    applyOperation(result, operation, index);
  });
  return result;
}

function merge(target: JsonObject, patch: JsonObject, top: boolean): void {
  for (const [name, value] of Object.entries(patch)) {
    const key = findKey(target, name);
    if (key === undefined && top) throw badRequest(`Merge patch: the entity has no property '${name}'`);
    const name2 = key ?? name;
    const current = target[name2];
    if (Array.isArray(current) && isJsonObject(value)) current.push(cloneJson(value));
    else if (isJsonObject(current) && isJsonObject(value)) merge(current, value, false);
    else target[name2] = cloneJson(value);
  }
}

/**
 * Applies a JSON Merge Patch to a copy of `entity`, with SuperOffice's array rule (object → append).
 * @throws SuperOfficeApiHttpError 400 for a body that is not an object or names an unknown property.
 */
export function applyMergePatch(entity: JsonObject, patch: JsonValue): JsonObject {
  if (!isJsonObject(patch)) throw badRequest('A merge patch must be a JSON object');
  const result = cloneJson(entity);
  merge(result, patch, true);
  return result;
}
