import { ERROR_KINDS, type ErrorKind, type RunRecordQuery, withRemedy } from '@databridge/core';
import { type Command, Option } from 'commander';
import { type CommandContext, globalOptions } from '../command-context.js';
import { findRun } from '../profiles/resolve.js';
import { formatCounts, recordDetail, stateLabel } from '../profiles/run-format.js';
import { colors, printJson, printTable } from '../render.js';
import { withWorkspace } from '../workspace.js';

/** Adds `databridge logs <run>`: a run's records in order, with what changed and why records failed. */
export function registerLogs(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('logs')
    .description("show a run's records in order: outcome, keys, changed fields, error and remedy")
    .argument('<run>', 'a run id (or its first characters), or a profile name for its latest run')
    .option('--failed', 'only records that failed')
    .addOption(
      new Option('--kind <kind>', 'only failed records with this error kind').choices(
        ERROR_KINDS as string[],
      ),
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ databridge logs 3f2a9c1e --failed
  $ databridge logs Companies                 the latest run of the profile
  $ databridge logs 3f2a9c1e --kind validation --json`,
    )
    .action(
      async (
        ref: string,
        options: { failed?: boolean; kind?: ErrorKind; json?: boolean },
        command: Command,
      ) => {
        await withWorkspace(io, globalOptions(command), async (ws) => {
          const { run, profile } = await findRun(ws.store, ref);
          const query: RunRecordQuery = {
            ...(options.failed || options.kind ? { outcome: 'failed' as const } : {}),
            ...(options.kind ? { kind: options.kind } : {}),
          };
          const records = await ws.store.listRunRecords(run.id, query);
          if (options.json) {
            printJson(io, { run: { ...run, profileName: profile?.name }, records });
            return;
          }
          const c = colors(io);
          io.log(
            `Run ${run.id} of ${JSON.stringify(profile?.name ?? run.profileId)}: ${stateLabel(io, run.state)}, ${formatCounts(run.counts)}, ${run.apiCalls} API calls, started ${run.startedAt ?? run.createdAt}.`,
          );
          if (run.error)
            io.log(c.bad(`Stopped: ${run.error.kind}: ${withRemedy(run.error.message, run.error.remedy)}`));
          if (records.length === 0) {
            io.log(options.failed || options.kind ? 'No failed records match.' : 'No records.');
            return;
          }
          const paint = (outcome: string) =>
            outcome === 'failed'
              ? c.bad(outcome)
              : outcome === 'created' || outcome === 'updated'
                ? c.ok(outcome)
                : c.dim(outcome);
          printTable(
            io,
            ['#', 'Outcome', 'Source key', 'Target key', 'Details'],
            records.map((r) => [r.seq, paint(r.outcome), r.sourceKey, r.targetKey ?? '', recordDetail(r)]),
          );
        });
      },
    );
}
