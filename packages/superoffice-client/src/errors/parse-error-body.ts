/** What a SuperOffice or SuperID error body says, whatever its shape. */
export interface ParsedSuperOfficeErrorBody {
  /** `so` for `{Error, ErrorType, ErrorMessage, ErrorSource}` (superoffice.md §15), `oauth`, `text` or `empty`. */
  readonly shape: 'so' | 'oauth' | 'text' | 'empty';
  /** The provider's own words, whitespace-collapsed (not yet redacted). */
  readonly message: string;
  /** `ErrorType` (e.g. `SoNotFoundException`) or the OAuth `error` code. */
  readonly errorType?: string;
  /** `ErrorSource`, e.g. `SuperOffice.Services.Implementation`. */
  readonly errorSource?: string;
}

/** Parses an error body of any known shape; never throws. HTML pages are reduced to their title or text. */
export function parseSuperOfficeErrorBody(body: unknown): ParsedSuperOfficeErrorBody {
  const value = typeof body === 'string' ? tryJson(body) : body;
  if (value === undefined || value === null || value === '') return { shape: 'empty', message: '' };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if ('ErrorMessage' in record || 'ErrorType' in record) {
      return {
        shape: 'so',
        message: text(record.ErrorMessage),
        ...(text(record.ErrorType) ? { errorType: text(record.ErrorType) } : {}),
        ...(text(record.ErrorSource) ? { errorSource: text(record.ErrorSource) } : {}),
      };
    }
    if (typeof record.error === 'string') {
      return {
        shape: 'oauth',
        errorType: record.error,
        message: text(record.error_description) || record.error,
      };
    }
    const message = text(record.message) || text(record.Message) || JSON.stringify(value);
    return { shape: 'text', message };
  }
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  const title = raw.match(/<title[^>]*>([\s\S]*?)<\/title>/i)?.[1];
  const visible = /<html|<body|<!doctype/i.test(raw) ? (title ?? raw.replace(/<[^>]+>/g, ' ')) : raw;
  return { shape: 'text', message: visible.replace(/\s+/g, ' ').trim() };
}

function tryJson(body: string): unknown {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return trimmed;
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
