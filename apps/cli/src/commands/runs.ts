import type { Profile, Run } from '@databridge/core';
import type { Command } from 'commander';
import { type CommandContext, globalOptions } from '../command-context.js';
import { findProfile } from '../profiles/resolve.js';
import { formatCounts, formatDuration, stateLabel } from '../profiles/run-format.js';
import { printJson, printTable } from '../render.js';
import { withWorkspace } from '../workspace.js';
import { parseLimit } from './run.js';

/** Adds `databridge runs [profile]`: recent runs, newest first. */
export function registerRuns(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('runs')
    .description('list recent runs, newest first, with state, counts, API calls, duration and error')
    .argument('[profile]', 'only this profile (name or id)')
    .option('-n, --limit <n>', 'at most n runs', parseLimit, 20)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ databridge runs
  $ databridge runs Companies --limit 5
  $ databridge runs --json`,
    )
    .action(async (ref: string | undefined, options: { limit: number; json?: boolean }, command: Command) => {
      await withWorkspace(io, globalOptions(command), async (ws) => {
        const profiles = ref ? [await findProfile(ws.store, ref)] : await ws.store.listProfiles();
        const runs: { run: Run; profile: Profile }[] = [];
        for (const profile of profiles) {
          for (const run of await ws.store.listRuns(profile.id, { limit: options.limit }))
            runs.push({ run, profile });
        }
        runs.sort(
          (a, b) =>
            (b.run.startedAt ?? b.run.createdAt).localeCompare(a.run.startedAt ?? a.run.createdAt) ||
            b.run.createdAt.localeCompare(a.run.createdAt),
        );
        const shown = runs.slice(0, options.limit);
        if (options.json) {
          printJson(
            io,
            shown.map(({ run, profile }) => ({
              ...run,
              profileName: profile.name,
              durationMs:
                run.startedAt && run.finishedAt
                  ? Date.parse(run.finishedAt) - Date.parse(run.startedAt)
                  : null,
            })),
          );
          return;
        }
        if (shown.length === 0) {
          io.log(
            ref
              ? `No runs of ${JSON.stringify(profiles[0]?.name)} yet.`
              : 'No runs yet. Start one with `databridge run <profile>`.',
          );
          return;
        }
        printTable(
          io,
          ['Run', 'Profile', 'Started', 'State', 'Records', 'API calls', 'Duration', 'Error'],
          shown.map(({ run, profile }) => [
            run.id,
            profile.name,
            run.startedAt ?? run.createdAt,
            stateLabel(io, run.state),
            formatCounts(run.counts),
            run.apiCalls,
            formatDuration(run),
            run.error
              ? `${run.error.kind}: ${run.error.message}${run.error.remedy ? `\n${run.error.remedy}` : ''}`
              : '',
          ]),
        );
      });
    });
}
