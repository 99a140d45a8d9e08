/** Any value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object, for mappings, options and other free-form settings. */
export type JsonObject = { readonly [key: string]: JsonValue };
