/**
 * ETags of Visma.net records (visma-net.md §5.4): single GETs and writes return an `ETag` header, and the same value
 * is in the record's `timeStamp` field (the only source on list items). Writes send it back as `If-Match`.
 */

/**
 * Returns an ETag in one form whatever its source: the quotes of a strong ETag header are removed, so the header of
 * a GET and the `timeStamp` field of a list item compare equal. Weak ETags (`W/"…"`) are kept as they are.
 */
export function normalizeEtag(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

/**
 * Formats an ETag for the `If-Match` header: quoted (§5.4), unless it already is, is weak (`W/"…"`) or is `*`.
 *
 * @example
 * ```ts
 * ifMatchHeader('AAAAAAAJ9yY='); // '"AAAAAAAJ9yY="'
 * ```
 */
export function ifMatchHeader(etag: string): string {
  const trimmed = etag.trim();
  if (trimmed === '') throw new RangeError('ifMatch must not be empty');
  if (trimmed === '*' || trimmed.startsWith('"') || trimmed.startsWith('W/"')) return trimmed;
  return `"${trimmed}"`;
}
