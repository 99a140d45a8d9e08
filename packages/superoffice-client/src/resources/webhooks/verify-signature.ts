import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header SuperOffice sends the signature in (superoffice.md §18). */
export const WEBHOOK_SIGNATURE_HEADER = 'X-SuperOffice-Signature';

/**
 * Verifies a webhook's `X-SuperOffice-Signature`: base64(HMAC-SHA256(secret, raw body)) (§18). Pass the body exactly
 * as received (string or bytes): re-serialised JSON has other bytes and fails. The comparison is constant-time. A
 * missing or malformed header, or an empty secret, is `false`.
 *
 * @example
 * ```ts
 * const ok = verifyWebhookSignature(rawBody, req.headers['x-superoffice-signature'], secret);
 * if (!ok) return reply.code(401).send();
 * ```
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
): boolean {
  if (secret === '' || signatureHeader === null || signatureHeader === undefined) return false;
  const header = signatureHeader.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(header)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Computes the signature SuperOffice would send for `rawBody` (for tests and the sandbox). */
export function signWebhookBody(rawBody: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
