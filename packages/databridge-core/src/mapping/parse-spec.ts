import { LineCounter, parseDocument } from 'yaml';
import { MappingSpecError, type MappingSpecIssue } from './mapping-spec-error.js';
import { mappingSpecSchema } from './spec-schema.js';
import type { MappingSpec } from './spec-types.js';

/** Options for {@link parseMappingSpec}. */
export interface ParseMappingSpecOptions {
  /** `json` or `yaml`; by default taken from the file name's extension, else `yaml` (a superset of JSON). */
  readonly format?: 'json' | 'yaml' | undefined;
  /** Shown in error messages. */
  readonly fileName?: string | undefined;
}

/** Formats a zod issue path as `fields[3].rule.separator`. */
export function formatSpecPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function issuesOf(value: unknown): { issues: MappingSpecIssue[]; paths: PropertyKey[][] } | MappingSpec {
  const result = mappingSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const paths = result.error.issues.map((issue) => [...issue.path]);
  return {
    paths,
    issues: result.error.issues.map((issue) => ({
      path: formatSpecPath(issue.path),
      message: issue.message,
    })),
  };
}

/** Validates a spec object; throws {@link MappingSpecError} naming the path of every problem. */
export function validateMappingSpec(value: unknown): MappingSpec {
  const checked = issuesOf(value);
  if ('version' in checked) return checked;
  throw new MappingSpecError(checked.issues);
}

/**
 * Parses and validates a JSON or YAML mapping spec; throws {@link MappingSpecError} naming the path and the line of
 * every problem (syntax errors name the line).
 */
export function parseMappingSpec(text: string, options: ParseMappingSpecOptions = {}): MappingSpec {
  const format = options.format ?? (options.fileName?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const lineCounter = new LineCounter();
  // JSON is YAML 1.2, so one parser gives line numbers for both formats.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new MappingSpecError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return {
          path: '',
          message: `${format.toUpperCase()} syntax: ${error.message.split('\n')[0]}`,
          ...pos,
        };
      }),
      options.fileName,
    );
  }
  const checked = issuesOf(doc.toJS());
  if ('version' in checked) return checked;
  throw new MappingSpecError(
    checked.issues.map((issue, index) => {
      const at = nodeOffset(doc, checked.paths[index] ?? []);
      return at === undefined ? issue : { ...issue, ...lineCounter.linePos(at) };
    }),
    options.fileName,
  );
}

/** The offset of the deepest node that exists along `path`. */
function nodeOffset(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    if (range?.[0] !== undefined) return range[0];
  }
  return undefined;
}
