/**
 * Escapes one JSON Pointer reference token (RFC 6901): `~` → `~0`, then `/` → `~1`.
 *
 * @example
 * ```ts
 * escapePointerSegment('a/b~c'); // 'a~1b~0c'
 * ```
 */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Unescapes one reference token: `~1` → `/`, then `~0` → `~`. */
export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Builds a JSON Pointer from unescaped segments: `['CustomFields', 'SuperOffice:1']` → `/CustomFields/SuperOffice:1`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapePointerSegment(segment)}`).join('');
}

/**
 * Splits a pointer into unescaped segments. The leading `/` is optional, as SuperOffice accepts (superoffice.md §12):
 * `Name` and `/Name` are the same path.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map(unescapePointerSegment);
}

/** Reads the value at `segments` in `root`; `undefined` when a step is missing. */
export function valueAtPointer(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) return undefined;
      current = current[index];
    } else {
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
