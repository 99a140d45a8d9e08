/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const TOKEN = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d{1,6})\]|\["((?:[^"\\]|\\.)*)"\])/;

/**
 * Parses a field path such as `mainAddress.postalCode`, `Emails[0].Value` or `CustomFields["SuperOffice:1"]` into
 * segments. Returns a message instead when the path is malformed or names a prototype key.
 */
export function parsePath(path: string): PathSegment[] | string {
  if (path.length === 0) return 'a path must not be empty';
  const segments: PathSegment[] = [];
  let rest = path;
  while (rest.length > 0) {
    const match = TOKEN.exec(rest);
    if (!match || (segments.length === 0 && rest.startsWith('.')))
      return `bad path "${path}" at "${rest}": use name.name, name[0] or name["key"]`;
    const [whole, name, index, quoted] = match;
    if (segments.length > 0 && name !== undefined && !whole.startsWith('.'))
      return `bad path "${path}" at "${rest}": a "." is missing`;
    const segment: PathSegment =
      index !== undefined ? Number(index) : (name ?? (quoted ?? '').replace(/\\(.)/g, '$1'));
    if (typeof segment === 'string' && FORBIDDEN.has(segment))
      return `bad path "${path}": "${segment}" is not allowed`;
    segments.push(segment);
    rest = rest.slice(whole.length);
  }
  return segments;
}

/** Like {@link parsePath} but throws on a bad path (for specs that were validated already). */
export function mustParsePath(path: string): PathSegment[] {
  const parsed = parsePath(path);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  return parsed;
}

/** Reads a value at parsed segments; anything missing on the way gives `undefined`. */
export function readPath(record: unknown, segments: readonly PathSegment[]): unknown {
  let value: unknown = record;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/**
 * Writes a value at parsed segments, creating objects (for keys) and arrays (for indexes) on the way. Object values are
 * copied, so later writes below them never reach the record they were read from.
 */
export function writePath(
  target: Record<string, unknown>,
  segments: readonly PathSegment[],
  value: unknown,
): void {
  let node: Record<PathSegment, unknown> = target;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const segment = segments[i] as PathSegment;
    let next = node[segment];
    if (next === null || typeof next !== 'object') {
      next = typeof segments[i + 1] === 'number' ? [] : {};
      node[segment] = next;
    }
    node = next as Record<PathSegment, unknown>;
  }
  // A copied object may later be written into (target `x` next to `x.y`): copy it so the source record is never
  // mutated through the output.
  node[segments[last] as PathSegment] =
    value !== null && typeof value === 'object' ? structuredClone(value) : value;
}
