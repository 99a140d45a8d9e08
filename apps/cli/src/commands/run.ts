import {
  type Profile,
  profileHealth,
  type RunProgress,
  type RunReport,
  resolveProfileSettings,
  runProfile,
  withRemedy,
} from '@databridge/core';
import { Presets, SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { type Command, InvalidArgumentError } from 'commander';
import { type CommandContext, globalOptions } from '../command-context.js';
import { type CliIo, printError } from '../io.js';
import { findProfile } from '../profiles/resolve.js';
import {
  exitCodeForRun,
  formatCounts,
  formatDuration,
  planLines,
  stateLabel,
} from '../profiles/run-format.js';
import { colors, printJson } from '../render.js';
import { withWorkspace } from '../workspace.js';

/** Parses `--limit`: a positive whole number. */
export function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(limit) || limit < 1)
    throw new InvalidArgumentError('must be a positive whole number');
  return limit;
}

/** Adds `databridge run <profile>`: runs a profile once (or plans it with `--dry-run`) and shows what it did. */
export function registerRun(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('run')
    .description('run a sync profile once, or show what it would change with --dry-run')
    .argument('<profile>', 'the profile name or id')
    .option('--dry-run', 'read real data, write nothing, and print the plan')
    .option(
      '-n, --limit <n>',
      'stop after n source records (a test run; the watermark stays put)',
      parseLimit,
    )
    .option('--json', 'print the run (and the plan) as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 succeeded, 1 finished but some records failed (see \`databridge logs <run> --failed\`),
2 needs action (a connection needs sign-in or a role, the profile is invalid or already running), 3 internal error.

Examples:
  $ databridge run Companies --dry-run            the plan: + create, ~ update (field: before → after), = unchanged
  $ databridge run Companies --dry-run --limit 5  the plan for the first 5 records
  $ databridge run Companies                      sync, then a summary
  $ databridge run Companies --json               the run as JSON (for scripts)`,
    )
    .action(
      async (
        ref: string,
        options: { dryRun?: boolean; limit?: number; json?: boolean },
        command: Command,
      ) => {
        await withWorkspace(io, globalOptions(command), async (ws) => {
          const profile = await findProfile(ws.store, ref);
          resolveProfileSettings(profile); // an invalid profile ends here with every problem named (exit 2)
          const progress = io.isTTY && !options.json ? progressBar(options.limit) : undefined;
          let report: RunReport;
          try {
            report = await runProfile(ws.sync, profile.id, {
              dryRun: options.dryRun === true,
              ...(options.limit === undefined ? {} : { limit: options.limit }),
              trigger: 'cli',
              ...(progress ? { onProgress: progress.update } : {}),
            });
          } finally {
            progress?.stop();
          }
          context.exitCode = exitCodeForRun(report.run);
          if (options.json) {
            printJson(io, {
              profile: { id: profile.id, name: profile.name },
              dryRun: options.dryRun === true,
              run: report.run,
              ...(options.dryRun ? { plan: report.plan } : {}),
            });
            return;
          }
          await printReport(io, ws.store, profile, report, options.dryRun === true);
        });
      },
    );
}

function progressBar(limit: number | undefined): { update: (p: RunProgress) => void; stop: () => void } {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      format: `${limit === undefined ? '' : '{bar} '}{value} seen | +{created} ~{updated} ={unchanged} -{skipped} !{failed} | {apiCalls} API calls`,
      fps: 10,
    },
    Presets.shades_classic,
  );
  bar.start(limit ?? 0, 0, { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, apiCalls: 0 });
  return {
    update: (p) => bar.update(p.counts.seen, { ...p.counts, apiCalls: p.apiCalls }),
    stop: () => bar.stop(),
  };
}

async function printReport(
  io: CliIo,
  store: Parameters<typeof profileHealth>[0],
  profile: Profile,
  report: RunReport,
  dryRun: boolean,
): Promise<void> {
  const { run, plan } = report;
  const c = colors(io);
  if (dryRun) {
    if (plan.length === 0) io.log('Nothing to sync: no source records to read.');
    for (const line of planLines(io, plan, profile.direction === 'two_way')) io.log(line);
    io.log('');
  }
  const summary = `${dryRun ? 'Dry run of' : 'Run of'} ${JSON.stringify(profile.name)}: ${run.state}, ${formatCounts(run.counts)}, ${run.apiCalls} API calls${
    formatDuration(run) ? `, ${formatDuration(run)}` : ''
  }${dryRun ? '; nothing written' : ''}.`;
  if (!io.isTTY) io.log(summary);
  const rows: [string, unknown][] = [
    ['Profile', profile.name],
    ...(dryRun ? [] : [['Run', run.id] as [string, unknown]]),
    ['State', `${stateLabel(io, run.state)}${dryRun ? ' (dry run: nothing written)' : ''}`],
    ['Seen', run.counts.seen],
    [dryRun ? 'Would create' : 'Created', run.counts.created],
    [dryRun ? 'Would update' : 'Updated', run.counts.updated],
    ['Unchanged', run.counts.unchanged],
    ['Skipped', run.counts.skipped],
    [dryRun ? 'Would fail' : 'Failed', run.counts.failed],
    ['API calls', run.apiCalls],
    ['Duration', formatDuration(run)],
  ];
  if (run.error) {
    rows.push(['Error', `${run.error.kind}: ${run.error.message}`]);
    if (run.error.remedy) rows.push(['Remedy', run.error.remedy]);
  }
  const table = new Table({ style: { head: [], border: [] }, wordWrap: true, colWidths: [14, 80] });
  for (const [key, value] of rows) table.push([c.bold(key), value === undefined ? '' : String(value)]);
  for (const line of table.toString().split('\n')) io.log(line);
  if (run.error) {
    printError(io, `databridge: ${withRemedy(run.error.message, run.error.remedy)}`);
    const health = await profileHealth(store, profile);
    if (health.connection && health.remedy && health.remedy !== run.error.remedy)
      printError(io, `databridge: ${health.connection.name} is ${health.health}: ${health.remedy}`);
  } else if (!dryRun && run.counts.failed > 0) {
    io.log(c.warn(`${run.counts.failed} records failed; see \`databridge logs ${run.id} --failed\`.`));
  }
}
