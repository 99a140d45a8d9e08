/**
 * What an error body says, whatever its shape. Visma.net answers errors in four shapes (visma-net.md §3.1) and Visma
 * Connect in the OAuth shape; none of them is RFC 9457.
 */
export interface ParsedErrorBody {
  /** Which body shape was recognised (visma-net.md §3.1): IPP envelope, `message`, `Message`, OAuth, plain text/HTML, or empty. */
  readonly shape: 'ipp' | 'message' | 'Message' | 'oauth' | 'text' | 'empty';
  /** The provider's own words, whitespace-collapsed (not yet redacted or truncated). */
  readonly message: string;
  /** IPP `ExceptionFaultCode`, e.g. `12027`. */
  readonly faultCode?: string;
  /** `VismaId` GUID or IPP `ExceptionMessageID`: what to quote to Visma support. */
  readonly correlationId?: string;
  /** OAuth `error`, e.g. `invalid_grant`. */
  readonly oauthError?: string;
}

const VISMA_ID = /VismaId:\s*([0-9a-f-]{8,})/i;
const LEGACY_FAULT = /\((\d{5})_(?:\d{5}_)?[0-9a-f-]+\)/i;

/** Parses an error body of any of the known shapes; never throws. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const value = typeof body === 'string' ? tryJson(body) : body;
  if (value === undefined || value === null || value === '') return { shape: 'empty', message: '' };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.ExceptionType === 'string' || record.ExceptionFaultCode !== undefined) {
      const message = text(record.ExceptionMessage);
      const messageId = text(record.ExceptionMessageID);
      const faultCode =
        text(record.ExceptionFaultCode) || message.match(LEGACY_FAULT)?.[1] || messageId.split('_')[0];
      return {
        shape: 'ipp',
        message,
        ...(faultCode ? { faultCode } : {}),
        ...(messageId ? { correlationId: messageId } : {}),
      };
    }
    if (typeof record.error === 'string') {
      const description = text(record.error_description);
      return { shape: 'oauth', oauthError: record.error, message: description || record.error };
    }
    for (const key of ['message', 'Message'] as const) {
      if (typeof record[key] === 'string') {
        const message = text(record[key]);
        const correlationId = message.match(VISMA_ID)?.[1];
        const faultCode = message.match(LEGACY_FAULT)?.[1];
        return {
          shape: key,
          message,
          ...(correlationId ? { correlationId } : {}),
          ...(faultCode ? { faultCode } : {}),
        };
      }
    }
    return { shape: 'text', message: JSON.stringify(value) };
  }
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  return { shape: 'text', message: htmlToText(raw) };
}

function tryJson(body: string): unknown {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return trimmed;
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value).replace(/\s+/g, ' ').trim()
    : '';
}

/** Gateway error pages: keep the title or the visible text, never the markup. */
function htmlToText(raw: string): string {
  if (!/<html|<body|<title|<!doctype/i.test(raw)) return raw.replace(/\s+/g, ' ').trim();
  const title = raw.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1];
  const visible = (title ?? raw.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return visible;
}
