import {
  type Connection,
  type JsonObject,
  type JsonValue,
  type Profile,
  ProfileConfigError,
  type ProfilePatch,
  profileHealth,
  type Store,
  validateCron,
} from '@databridge/core';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CliError } from '../cli-error.js';
import { type CommandContext, globalOptions } from '../command-context.js';
import { deleteProfile, dependentsOf } from '../profiles/delete-profile.js';
import { profileFileOf, profileIssues, readProfileFile } from '../profiles/profile-file.js';
import { ensureUniqueName, findProfile, resolveProfileConnections } from '../profiles/resolve.js';
import { formatCounts, stateLabel } from '../profiles/run-format.js';
import { findTemplate, PROFILE_TEMPLATES, profileYaml, templateProfile } from '../profiles/templates.js';
import { colors, healthLabel, printJson, printTable } from '../render.js';
import { withWorkspace } from '../workspace.js';

/** Adds `databridge profiles` and its subcommands: add, list, show, edit, rm, validate, templates. */
export function registerProfiles(program: Command, context: CommandContext): void {
  const { io } = context;
  const profiles = program
    .command('profiles')
    .description('add, list, show, change and remove sync profiles')
    .addHelpText(
      'after',
      `
A profile file (YAML or JSON):
  name: Companies
  source: { connection: SuperOffice Nordlys, entity: Contact }
  target: { connection: Visma Nordlys, entity: customer }
  direction: source_to_target          # or target_to_source, two_way
  mapping: superoffice-contact-to-visma-customer   # a ready-made mapping, a spec, or { sourceToTarget, targetToSource }
  matchingKeys: [corporateId, name+mainAddress.postalCode]
  schedule: "0 * * * *"                # optional cron
  options: { pageSize: 100 }           # optional

Examples:
  $ databridge profiles templates
  $ databridge profiles template superoffice-contact-to-visma-customer > companies.yaml
  $ databridge profiles validate companies.yaml
  $ databridge profiles add --file companies.yaml
  $ databridge profiles list`,
    );

  profiles
    .command('add')
    .description('add a profile from a file, or by answering questions on a terminal')
    .option('-f, --file <file>', 'the profile file (YAML or JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ databridge profiles add --file companies.yaml\n  $ databridge profiles add        (asks, offering the ready-made mappings)',
    )
    .action(async (options: { file?: string }, command: Command) => {
      const file = options.file ? readProfileFile(options.file) : undefined;
      if (!file && !io.isTTY)
        throw new CliError(
          'Give the profile with --file <file> (`databridge profiles template <mapping>` writes a starter), or run on a terminal to be asked.',
        );
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const input = file
          ? await resolveProfileConnections(ws.store, file)
          : await (await import('../profiles/interactive.js')).askForProfile(ws.store);
        await ensureUniqueName(ws.store, input.name);
        const created = await ws.store.createProfile(input);
        io.log(`Added profile ${JSON.stringify(created.name)} (${created.id}).`);
        io.log(`Next: \`databridge run ${quoteArg(created.name)} --dry-run\` shows what it would change.`);
      });
    });

  profiles
    .command('list')
    .alias('ls')
    .description('list profiles with their health and last run')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ databridge profiles list\n  $ databridge profiles list --json')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const connections = await connectionNames(ws.store);
        const rows = [];
        for (const profile of await ws.store.listProfiles()) {
          const health = await profileHealth(ws.store, profile);
          const [last] = await ws.store.listRuns(profile.id, { limit: 1 });
          rows.push({ profile, health, last });
        }
        if (options.json) {
          printJson(
            io,
            rows.map(({ profile, health, last }) => ({
              ...profile,
              sourceConnection: connections.get(profile.source.connectionId)?.name,
              targetConnection: connections.get(profile.target.connectionId)?.name,
              health: health.health,
              ...(health.remedy ? { remedy: health.remedy } : {}),
              lastRun: last
                ? { id: last.id, state: last.state, startedAt: last.startedAt, counts: last.counts }
                : null,
            })),
          );
          return;
        }
        if (rows.length === 0) {
          io.log('No profiles yet. Add one with `databridge profiles add --file <file>`.');
          return;
        }
        const name = (id: string) => connections.get(id)?.name ?? id;
        printTable(
          io,
          ['Name', 'From → to', 'Mapping', 'Schedule', 'Health', 'Last run'],
          rows.map(({ profile, health, last }) => [
            profile.name,
            `${name(profile.source.connectionId)} ${profile.source.entity} ${arrow(profile)} ${name(profile.target.connectionId)} ${profile.target.entity}`,
            mappingLabel(profile.mapping),
            profile.schedule ?? '',
            healthLabel(io, health.health),
            last
              ? `${stateLabel(io, last.state)} ${last.startedAt ?? ''}\n${formatCounts(last.counts)}`
              : 'never',
          ]),
        );
      });
    });

  profiles
    .command('show')
    .description('show a profile as a profile file (with its id, health and last run as comments)')
    .argument('<profile>', 'the profile name or id')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ databridge profiles show Companies\n  $ databridge profiles show Companies > companies.yaml   (edit, then `profiles edit Companies --file companies.yaml`)',
    )
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const profile = await findProfile(ws.store, ref);
        const connections = await connectionNames(ws.store);
        const health = await profileHealth(ws.store, profile);
        const [last] = await ws.store.listRuns(profile.id, { limit: 1 });
        if (options.json) {
          printJson(io, {
            ...profile,
            sourceConnection: connections.get(profile.source.connectionId)?.name,
            targetConnection: connections.get(profile.target.connectionId)?.name,
            health: health.health,
            ...(health.remedy ? { remedy: health.remedy } : {}),
            lastRun: last ?? null,
          });
          return;
        }
        const comment = [
          `id: ${profile.id}`,
          `health: ${health.health}${health.remedy ? ` (${health.remedy})` : ''}`,
          `last run: ${last ? `${last.state} ${last.startedAt ?? ''}, ${formatCounts(last.counts)} (${last.id})` : 'never'}`,
        ].join('\n');
        const file = profileFileOf(profile, (id) => connections.get(id)?.name ?? id);
        for (const line of profileYaml(file, comment).trimEnd().split('\n')) io.log(line);
      });
    });

  profiles
    .command('edit')
    .description('change a profile: replace it from a file, or set its name, schedule or options')
    .argument('<profile>', 'the profile name or id')
    .option('-f, --file <file>', 'replace the whole profile with this file (YAML or JSON)')
    .option(
      '--set <key=value>',
      'set name, schedule (empty removes it), options (JSON/YAML object) or options.<path>; repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addHelpText(
      'after',
      `
Examples:
  $ databridge profiles edit Companies --file companies.yaml
  $ databridge profiles edit Companies --set schedule="*/15 * * * *"
  $ databridge profiles edit Companies --set options.pageSize=50 --set name="Companies to Visma"
  $ databridge profiles edit Companies --set schedule=`,
    )
    .action(async (ref: string, options: { file?: string; set?: string[] }, command: Command) => {
      if (!options.file && !options.set?.length)
        throw new CliError('Say what to change: --file <file> or --set key=value.');
      if (options.file && options.set?.length) throw new CliError('Use either --file or --set, not both.');
      const file = options.file ? readProfileFile(options.file) : undefined;
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const profile = await findProfile(ws.store, ref);
        let patch: ProfilePatch;
        if (file) {
          const input = await resolveProfileConnections(ws.store, file);
          patch = {
            name: input.name,
            source: input.source,
            target: input.target,
            direction: input.direction,
            mapping: input.mapping,
            matchingKeys: input.matchingKeys ?? [],
            schedule: input.schedule ?? null,
            options: input.options ?? {},
          };
        } else {
          patch = applySets(profile, options.set ?? []);
        }
        if (patch.name !== undefined) await ensureUniqueName(ws.store, patch.name, profile.id);
        const updated = await ws.store.updateProfile(profile.id, patch);
        io.log(`Updated profile ${JSON.stringify(updated.name)} (${updated.id}).`);
      });
    });

  profiles
    .command('rm')
    .alias('remove')
    .description('remove a profile with its run history, links and checkpoint')
    .argument('<profile>', 'the profile name or id')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      '\nExamples:\n  $ databridge profiles rm Companies\n  $ databridge profiles rm Companies --yes',
    )
    .action(async (ref: string, options: { yes?: boolean }, command: Command) => {
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const profile = await findProfile(ws.store, ref);
        const dependents = await dependentsOf(ws.store, profile);
        const warning =
          dependents.length > 0
            ? ` ${dependents.map((p) => JSON.stringify(p.name)).join(', ')} look${dependents.length === 1 ? 's' : ''} values up in its links and will fail until changed.`
            : '';
        if (!options.yes) {
          if (!io.isTTY)
            throw new CliError(
              `Removing ${JSON.stringify(profile.name)} deletes its run history and links; add --yes to confirm.`,
            );
          const { confirm } = await import('@inquirer/prompts');
          const sure = await confirm({
            message: `Remove profile ${JSON.stringify(profile.name)} with its run history and links?${warning}`,
            default: false,
          });
          if (!sure) {
            io.log('Nothing removed.');
            return;
          }
        }
        await deleteProfile(ws.store, profile);
        io.log(`Removed profile ${JSON.stringify(profile.name)} (${profile.id}).${warning}`);
      });
    });

  profiles
    .command('validate')
    .description('check a profile file offline: syntax, mapping, options, matching keys and schedule')
    .argument('<file>', 'the profile file (YAML or JSON)')
    .addHelpText('after', '\nExample:\n  $ databridge profiles validate companies.yaml')
    .action(async (path: string) => {
      const file = readProfileFile(path);
      io.log(
        `${path}: profile ${JSON.stringify(file.name)} is valid (${mappingLabel(file.mapping)}, ${file.direction}). Connections are checked by \`profiles add\`.`,
      );
    });

  profiles
    .command('templates')
    .description('list the ready-made mappings a profile can start from')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ databridge profiles templates')
    .action((options: { json?: boolean }) => {
      const rows = PROFILE_TEMPLATES.map((t) => ({
        mapping: t.mapping,
        title: t.title,
        source: t.source,
        target: t.target,
        matchingKeys: t.matchingKeys,
      }));
      if (options.json) return printJson(io, rows);
      printTable(
        io,
        ['Mapping', 'From → to', 'Matching keys'],
        rows.map((t) => [
          `${t.mapping}\n${colors(io).dim(t.title)}`,
          `${t.source.system} ${t.source.entity} → ${t.target.system} ${t.target.entity}`,
          t.matchingKeys.join(', '),
        ]),
      );
      io.log('Write a starter file with `databridge profiles template <mapping> > profile.yaml`.');
    });

  profiles
    .command('template')
    .description('print a starter profile file for a ready-made mapping')
    .argument('<mapping>', 'a ready-made mapping (see `profiles templates`)')
    .option('--visma <name>', 'the Visma connection to use', 'Visma')
    .option('--superoffice <name>', 'the SuperOffice connection to use', 'SuperOffice')
    .option('--companies <profile>', 'the company profile whose links give customer numbers', 'Companies')
    .addHelpText(
      'after',
      '\nExample:\n  $ databridge profiles template superoffice-contact-to-visma-customer --visma "Visma Nordlys" > companies.yaml',
    )
    .action((mapping: string, options: { visma: string; superoffice: string; companies: string }) => {
      const template = findTemplate(mapping);
      if (!template)
        throw new CliError(
          `No ready-made mapping ${JSON.stringify(mapping)}; choose one of ${PROFILE_TEMPLATES.map((t) => t.mapping).join(', ')}.`,
        );
      const file = templateProfile(template, options);
      for (const line of profileYaml(file, template.title).trimEnd().split('\n')) io.log(line);
    });
}

const SETTABLE = ['name', 'schedule', 'options', 'options.<path>'];

/**
 * Applies `--set key=value` to a profile and validates the result fully (options, schedule) before anything is
 * written.
 *
 * @throws CliError for an unknown key or a bad value; ProfileConfigError when the options would be invalid.
 */
export function applySets(profile: Profile, sets: readonly string[]): ProfilePatch {
  let name: string | undefined;
  let schedule: string | null | undefined;
  let options: JsonObject | undefined;
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0)
      throw new CliError(`--set ${JSON.stringify(set)}: write key=value, e.g. --set options.pageSize=50`);
    const key = set.slice(0, eq).trim();
    const raw = set.slice(eq + 1);
    if (key === 'name') {
      if (raw.trim() === '') throw new CliError('--set name=: a profile needs a name');
      name = raw.trim();
    } else if (key === 'schedule') {
      if (raw.trim() === '') schedule = null;
      else {
        const cron = validateCron(raw);
        if (!cron.valid) throw new CliError(`--set schedule=${JSON.stringify(raw)}: ${cron.message}`);
        schedule = raw.trim();
      }
    } else if (key === 'options') {
      const value = parseValue(raw, key);
      if (!isObject(value))
        throw new CliError('--set options=…: give an object, e.g. --set options="{pageSize: 50}"');
      options = value;
    } else if (key.startsWith('options.')) {
      options = setPath(
        structuredClone(options ?? profile.options),
        key.slice('options.'.length),
        parseValue(raw, key),
      );
    } else {
      throw new CliError(`--set ${key}: cannot set ${JSON.stringify(key)}; settable: ${SETTABLE.join(', ')}`);
    }
  }
  if (options !== undefined) {
    const issues = profileIssues({ ...profile, options });
    if (issues.length > 0) throw new ProfileConfigError(profile.name, issues);
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(schedule === undefined ? {} : { schedule }),
    ...(options === undefined ? {} : { options }),
  };
}

function parseValue(raw: string, key: string): JsonValue {
  try {
    return (parseYaml(raw) ?? null) as JsonValue;
  } catch (error) {
    throw new CliError(`--set ${key}: ${(error as Error).message.split('\n')[0]}`);
  }
}

function setPath(target: JsonObject, path: string, value: JsonValue): JsonObject {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts.length === 0) throw new CliError('--set options.: name the option, e.g. options.pageSize=50');
  let node: Record<string, JsonValue> = target as Record<string, JsonValue>;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, JsonValue>;
  }
  const last = parts.at(-1) as string;
  if (value === null) delete node[last];
  else node[last] = value;
  return target;
}

async function connectionNames(store: Store): Promise<Map<string, Connection>> {
  return new Map((await store.listConnections()).map((c) => [c.id, c]));
}

function isObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function arrow(profile: Profile): string {
  return profile.direction === 'two_way' ? '↔' : profile.direction === 'target_to_source' ? '←' : '→';
}

/** A mapping as a short label: its ready-made name, or the spec's name. */
function mappingLabel(mapping: JsonValue): string {
  if (typeof mapping === 'string') return mapping;
  if (isObject(mapping)) {
    if (typeof mapping.name === 'string') return `spec "${mapping.name}"`;
    if ('sourceToTarget' in mapping)
      return `${mappingLabel(mapping.sourceToTarget ?? null)} / ${mappingLabel(mapping.targetToSource ?? null)}`;
  }
  return 'custom spec';
}

function quoteArg(value: string): string {
  return /^[\w.-]+$/.test(value) ? value : JSON.stringify(value);
}
