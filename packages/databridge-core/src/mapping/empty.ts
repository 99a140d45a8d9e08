/** Whether a value counts as empty for fallbacks, defaults and conditions: missing, null, or blank text. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
