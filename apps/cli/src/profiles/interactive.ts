import { type Connection, type NewProfile, type Store, validateCron } from '@databridge/core';
import { confirm, input, select } from '@inquirer/prompts';
import { CliError } from '../cli-error.js';
import { profileIssues } from './profile-file.js';
import { PROFILE_TEMPLATES, type ProfileTemplate } from './templates.js';

/**
 * Asks for a new profile on a terminal: a ready-made mapping as the template, its name, the two connections, the
 * matching keys and an optional schedule, then validates the result like a profile file before returning it.
 *
 * @throws CliError when a needed connection is missing or the answers do not make a valid profile.
 */
export async function askForProfile(store: Store): Promise<NewProfile> {
  const connections = await store.listConnections();
  const template: ProfileTemplate = await select({
    message: 'Start from which ready-made mapping?',
    choices: PROFILE_TEMPLATES.map((t) => ({
      name: `${t.title}`,
      value: t,
      description: `${t.mapping}: ${t.source.system} ${t.source.entity} → ${t.target.system} ${t.target.entity}`,
    })),
  });
  const existing = new Set((await store.listProfiles()).map((p) => p.name.toLowerCase()));
  const name = await input({
    message: 'Profile name',
    default: template.defaultName,
    validate: (value) =>
      value.trim() === ''
        ? 'A profile needs a name'
        : existing.has(value.trim().toLowerCase())
          ? 'A profile with that name exists'
          : true,
  });
  const pick = async (role: 'source' | 'target'): Promise<Connection> => {
    const system = template[role].system;
    const candidates = connections.filter((c) => c.system === system);
    if (candidates.length === 0)
      throw new CliError(
        `No ${system} connection yet; add one with \`databridge connect ${system}\`, then try again.`,
      );
    if (candidates.length === 1 && candidates[0]) return candidates[0];
    return select({
      message: `${role === 'source' ? 'Read' : 'Write'} ${template[role].entity} records ${role === 'source' ? 'from' : 'to'} which ${system} connection?`,
      choices: candidates.map((c) => ({ name: `${c.name} (${c.tenantName ?? c.tenantId})`, value: c })),
    });
  };
  const source = await pick('source');
  const target = await pick('target');
  const keys = await input({
    message: 'Matching keys (comma-separated, `a+b` for a combined key)',
    default: template.matchingKeys.join(', '),
  });
  let companies = 'Companies';
  if (template.needsCompanies) {
    const others = (await store.listProfiles()).map((p) => p.name);
    companies =
      others.length > 0
        ? await select({
            message: 'Which profile syncs the companies (its links give the customer numbers)?',
            choices: others.map((n) => ({ name: n, value: n })),
          })
        : await input({ message: 'Name of the profile that syncs the companies', default: companies });
  }
  const schedule = await input({
    message: 'Schedule (cron, empty for manual runs only)',
    default: '',
    validate: (value) => {
      if (value.trim() === '') return true;
      const cron = validateCron(value);
      return cron.valid ? true : cron.message;
    },
  });
  const profile: NewProfile = {
    name: name.trim(),
    source: { connectionId: source.id, entity: template.source.entity },
    target: { connectionId: target.id, entity: template.target.entity },
    direction: 'source_to_target',
    mapping: template.mapping,
    matchingKeys: keys
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    ...(schedule.trim() === '' ? {} : { schedule: schedule.trim() }),
    options: template.options(companies),
  };
  const issues = profileIssues({
    name: profile.name,
    direction: profile.direction,
    mapping: profile.mapping,
    matchingKeys: profile.matchingKeys ?? [],
    options: profile.options ?? {},
  });
  if (issues.length > 0)
    throw new CliError(
      `The profile would not run:\n${issues.map((i) => `  ${i.path || '(profile)'}: ${i.message}`).join('\n')}`,
    );
  if (!(await confirm({ message: `Add profile ${JSON.stringify(profile.name)}?`, default: true })))
    throw new CliError('Nothing added.', 0);
  return profile;
}
