import { createHash } from 'node:crypto';

/**
 * A stable hash of a mapped payload: SHA-256 over JSON with object keys sorted, so the same content always hashes
 * the same whatever order the mapping wrote the fields in. Equal hashes mean "nothing to send" (lessons §7, Nango's
 * `data_hash`).
 */
export function contentHash(payload: unknown): string {
  return createHash('sha256').update(stableJson(payload)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
