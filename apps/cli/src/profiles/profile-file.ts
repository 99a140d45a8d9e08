import { readFileSync } from 'node:fs';
import {
  type JsonObject,
  type JsonValue,
  type Profile,
  ProfileConfigError,
  resolveProfileSettings,
  type SyncDirection,
  validateCron,
} from '@databridge/core';
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
import { CliError } from '../cli-error.js';

/** The directions a profile file may name. */
export const DIRECTIONS: readonly SyncDirection[] = ['source_to_target', 'target_to_source', 'two_way'];

/** One end of a profile as a file names it: a connection (by name or id) and an entity on it. */
export interface ProfileFileEnd {
  /** The connection's name or id. */
  readonly connection: string;
  /** The entity, e.g. `Contact` (SuperOffice) or `customer` (Visma). */
  readonly entity: string;
}

/**
 * A profile as written in a YAML or JSON file: like a stored profile, but naming connections by name (or id), so a
 * file can be kept in version control and applied to another DataBridge home.
 */
export interface ProfileFile {
  /** The profile's name (unique in the home). */
  readonly name: string;
  /** Where records come from. */
  readonly source: ProfileFileEnd;
  /** Where records go. */
  readonly target: ProfileFileEnd;
  /** Which way records move (default `source_to_target`). */
  readonly direction: SyncDirection;
  /** A ready-made mapping's name, a mapping spec, or `{ sourceToTarget, targetToSource }` for two-way profiles. */
  readonly mapping: JsonValue;
  /** Matching key sets on the receiving side, e.g. `corporateId` or `name+mainAddress.postalCode`. */
  readonly matchingKeys: readonly string[];
  /** Cron expression, when the profile runs on a schedule. */
  readonly schedule?: string | undefined;
  /** Sync engine options (`pageSize`, `mode`, `lookups`, …). */
  readonly options: JsonObject;
}

/** One problem in a profile file. */
export interface ProfileFileIssue {
  /** Where in the profile, e.g. `options.pageSize` (empty for the whole file). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** 1-based line, when known. */
  readonly line?: number | undefined;
  /** 1-based column, when known. */
  readonly column?: number | undefined;
}

/**
 * A profile file that does not parse or validate. The message names the file, and the line and field of every
 * problem; one problem fits on one line. Ends the command with exit code 2.
 */
export class ProfileFileError extends CliError {
  /** Every problem found. */
  readonly issues: readonly ProfileFileIssue[];
  /** The file as named on the command line. */
  readonly file: string;

  /** @param file - named in the message; @param issues - at least one. */
  constructor(file: string, issues: readonly ProfileFileIssue[]) {
    const where = (issue: ProfileFileIssue): string =>
      `${file}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}${issue.path ? ` ${issue.path}` : ''}`;
    const [only] = issues;
    super(
      issues.length === 1 && only
        ? `${where(only)}: ${only.message}`
        : `${file} is not a valid profile:\n${issues.map((issue) => `  ${where(issue)}: ${issue.message}`).join('\n')}`,
    );
    this.issues = issues;
    this.file = file;
  }
}

const KEYS = ['name', 'source', 'target', 'direction', 'mapping', 'matchingKeys', 'schedule', 'options'];
/** Placeholder connection ids for the offline check (connections are resolved separately). */
const OFFLINE_IDS = { source: 'source-connection', target: 'target-connection' };

/** Options of {@link parseProfileFile}. */
export interface ParseProfileFileOptions {
  /** `json` or `yaml`; by default taken from the file name's extension (YAML parses JSON too). */
  readonly format?: 'json' | 'yaml' | undefined;
}

/**
 * Parses and validates a profile file offline: syntax (naming the line), the fields and their types, the schedule,
 * and the profile itself through core's `resolveProfileSettings` (mapping, mapping spec, options, matching keys),
 * every problem with its line. Connections are not looked up here (see `resolveProfileConnections`).
 *
 * @param text - the file's content.
 * @param fileName - named in errors.
 * @throws ProfileFileError naming every problem.
 */
export function parseProfileFile(
  text: string,
  fileName: string,
  options: ParseProfileFileOptions = {},
): ProfileFile {
  const format = options.format ?? (fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntax] = doc.errors;
  if (syntax) {
    // One malformed spot often yields several follow-on errors; the first names the line to fix.
    throw new ProfileFileError(fileName, [
      {
        path: '',
        message: `${format.toUpperCase()} syntax: ${syntax.message.split('\n')[0]}`,
        ...position(lineCounter, syntax.pos[0]),
      },
    ]);
  }
  const at = (path: string): { line?: number; column?: number } => {
    const offset = nodeOffset(doc, pathSegments(path));
    return offset === undefined ? {} : position(lineCounter, offset);
  };
  const issues: ProfileFileIssue[] = [];
  const fail = (path: string, message: string) => {
    // zod names unknown keys in the message only; point at the first of them.
    const unknown = /Unrecognized keys?: "([^"]+)"/.exec(message)?.[1];
    issues.push({ path, message, ...at(unknown ? `${path}${path ? '.' : ''}${unknown}` : path) });
  };
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ProfileFileError(fileName, [
      {
        path: '',
        message:
          'a profile file holds one object: { name, source: { connection, entity }, target: { connection, entity }, direction, mapping, matchingKeys, schedule?, options? }',
        line: 1,
      },
    ]);
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) fail(key, `unknown field; a profile has ${KEYS.join(', ')}`);
  }
  const name = requiredText(raw, 'name', fail);
  const end = (key: 'source' | 'target'): ProfileFileEnd => {
    const part = raw[key];
    if (part === undefined) {
      fail(key, 'is missing; give { connection: <name or id>, entity: <entity> }');
      return { connection: '', entity: '' };
    }
    if (part === null || typeof part !== 'object' || Array.isArray(part)) {
      fail(key, 'must be { connection: <name or id>, entity: <entity> }');
      return { connection: '', entity: '' };
    }
    const fields = part as Record<string, unknown>;
    for (const extra of Object.keys(fields)) {
      if (extra !== 'connection' && extra !== 'entity')
        fail(`${key}.${extra}`, 'unknown field; an end has connection and entity');
    }
    return {
      connection: requiredText(fields, 'connection', (path, message) => fail(`${key}.${path}`, message)),
      entity: requiredText(fields, 'entity', (path, message) => fail(`${key}.${path}`, message)),
    };
  };
  const source = end('source');
  const target = end('target');
  let direction: SyncDirection = 'source_to_target';
  if (raw.direction !== undefined) {
    if (typeof raw.direction === 'string' && (DIRECTIONS as readonly string[]).includes(raw.direction))
      direction = raw.direction as SyncDirection;
    else fail('direction', `must be one of ${DIRECTIONS.join(', ')}`);
  }
  const mapping = raw.mapping as JsonValue | undefined;
  if (mapping === undefined || mapping === null)
    fail('mapping', 'is missing; name a ready-made mapping (`databridge profiles templates`) or give a spec');
  let matchingKeys: string[] = [];
  if (raw.matchingKeys !== undefined) {
    if (Array.isArray(raw.matchingKeys) && raw.matchingKeys.every((k) => typeof k === 'string' && k !== ''))
      matchingKeys = raw.matchingKeys as string[];
    else if (typeof raw.matchingKeys === 'string' && raw.matchingKeys !== '')
      matchingKeys = [raw.matchingKeys];
    else
      fail('matchingKeys', 'must be a list of field paths, e.g. [corporateId, name+mainAddress.postalCode]');
  }
  let schedule: string | undefined;
  if (raw.schedule !== undefined && raw.schedule !== null) {
    if (typeof raw.schedule !== 'string') fail('schedule', 'must be a cron expression such as "0 * * * *"');
    else {
      const cron = validateCron(raw.schedule);
      if (cron.valid) schedule = raw.schedule;
      else fail('schedule', cron.message);
    }
  }
  let profileOptions: JsonObject = {};
  if (raw.options !== undefined && raw.options !== null) {
    if (typeof raw.options === 'object' && !Array.isArray(raw.options))
      profileOptions = raw.options as JsonObject;
    else fail('options', 'must be an object, e.g. { pageSize: 100 }');
  }
  // The profile itself, offline: options, mapping (ready-made name or spec), matching keys.
  if (mapping !== undefined && mapping !== null) {
    for (const issue of profileIssues({
      name: name || fileName,
      direction,
      mapping,
      matchingKeys,
      options: profileOptions,
    }))
      fail(issue.path, issue.message);
  }
  if (issues.length > 0) throw new ProfileFileError(fileName, sortByLine(issues));
  return {
    name,
    source,
    target,
    direction,
    mapping: mapping as JsonValue,
    matchingKeys,
    ...(schedule === undefined ? {} : { schedule }),
    options: profileOptions,
  };
}

/** Reads and validates a profile file offline (see {@link parseProfileFile}); an unreadable file is a CliError. */
export function readProfileFile(file: string): ProfileFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `No such profile file: ${file}`
        : `Cannot read profile file ${file}: ${(error as Error).message}`,
    );
  }
  return parseProfileFile(text, file);
}

/** What core says about a profile's settings, as issues (empty when it would run). */
export function profileIssues(
  profile: Pick<Profile, 'name' | 'direction' | 'mapping' | 'matchingKeys' | 'options'>,
): readonly { readonly path: string; readonly message: string }[] {
  try {
    resolveProfileSettings({
      id: 'offline',
      source: { connectionId: OFFLINE_IDS.source, entity: '' },
      target: { connectionId: OFFLINE_IDS.target, entity: '' },
      createdAt: '',
      updatedAt: '',
      ...profile,
    });
    return [];
  } catch (error) {
    if (error instanceof ProfileConfigError) return error.issues;
    throw error;
  }
}

function requiredText(
  raw: Record<string, unknown>,
  key: string,
  fail: (path: string, message: string) => void,
): string {
  const value = raw[key];
  if (value === undefined || value === null) fail(key, 'is missing');
  else if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a non-empty text');
  else return value.trim();
  return '';
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function sortByLine(issues: ProfileFileIssue[]): ProfileFileIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** `mapping.fields[2].rule` → `['mapping', 'fields', 2, 'rule']`. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

/** The offset of the deepest node that exists along `path` (its key, for a map entry, so the line is the field's). */
function nodeOffset(doc: Document, path: readonly (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 1; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => (item.key as { value?: unknown } | null)?.value === key || item.key === key,
      );
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return range[0];
    } else {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return node.range[0];
    }
  }
  const root = doc.contents as { range?: [number, number, number] } | null;
  return root?.range?.[0];
}

/** A profile file's text (YAML) for a stored profile, naming its connections by name; round-trips through `add`. */
export function profileFileOf(profile: Profile, connectionName: (id: string) => string): ProfileFile {
  return {
    name: profile.name,
    source: { connection: connectionName(profile.source.connectionId), entity: profile.source.entity },
    target: { connection: connectionName(profile.target.connectionId), entity: profile.target.entity },
    direction: profile.direction,
    mapping: profile.mapping,
    matchingKeys: profile.matchingKeys,
    ...(profile.schedule ? { schedule: profile.schedule } : {}),
    options: profile.options,
  };
}
