const SECRET_PARAMS =
  /\b(access_token|refresh_token|id_token|client_secret|code|code_verifier|password|assertion)=([^&\s"']+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// Also inside JSON that was itself stringified (escaped quotes).
const SECRET_JSON =
  /(\\?")(access_token|refresh_token|id_token|client_secret|password)\\?"\s*:\s*\\?"(?:[^"\\]|\\[^"])*\\?"/gi;

/**
 * Removes credentials from text that may reach an error message or a log line: bearer and basic credentials,
 * JWTs, and secret query/form/JSON fields (Octokit-style redaction).
 */
export function redact(text: string): string {
  return text
    .replace(BEARER, '$1 [REDACTED]')
    .replace(JWT, '[REDACTED JWT]')
    .replace(SECRET_PARAMS, '$1=[REDACTED]')
    .replace(SECRET_JSON, '$1$2$1:$1[REDACTED]$1');
}

/** Redacts, collapses whitespace and cuts text to `max` characters so an HTML error page never floods a log. */
export function truncateForLog(text: string, max = 1000): string {
  const clean = redact(text).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}
