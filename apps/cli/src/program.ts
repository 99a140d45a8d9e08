import { Command, CommanderError, InvalidArgumentError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import type { CommandContext } from './command-context.js';
import { registerConnect } from './commands/connect.js';
import { registerConnections } from './commands/connections.js';
import { runDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerLogs } from './commands/logs.js';
import { registerProfiles } from './commands/profiles.js';
import { registerReconnect } from './commands/reconnect.js';
import { registerRun } from './commands/run.js';
import { registerRuns } from './commands/runs.js';
import { runSandbox } from './commands/sandbox.js';
import { EXIT_CODES } from './exit-codes.js';
import { describeError, exitCodeFor } from './exit-for-error.js';
import { type CliIo, printError, processIo } from './io.js';

/** The CLI's version, taken from its package.json at build time. */
export const CLI_VERSION: string = pkg.version;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535 (0 picks a free port)');
  }
  return port;
}

/** Builds the `databridge` command tree. Output goes to `context.io` so tests and embedders can capture it. */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('databridge')
    .description('Keep SuperOffice CRM and Visma.net Financials in sync.')
    .version(CLI_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--home <dir>', 'the DataBridge home (default: $DATABRIDGE_HOME or ~/.databridge)')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.log(text.replace(/\n$/, '')),
      writeErr: (text) => printError(io, text.replace(/\n$/, '')),
      // One style for every error line: `databridge: …`, as the CLI's own errors.
      outputError: (text, write) => write(text.replace(/^error: /, 'databridge: ')),
    })
    .addHelpText(
      'after',
      `
Configuration: DATABRIDGE_HOME (store and master key), DATABRIDGE_MASTER_KEY, and the app registrations in
<home>/config.json or DATABRIDGE_VISMA_* / DATABRIDGE_SUPEROFFICE_* variables (\`databridge sandbox\` prints them).

Exit codes: 0 success, 1 finished with failed records, 2 needs action (configuration,
authentication, permission), 3 internal error.

Examples:
  $ databridge demo                      run the whole story against the local sandbox
  $ databridge sandbox --port 4000       start the local Visma and SuperOffice stand-ins
  $ databridge connect visma             sign in to a Visma.net company
  $ databridge connections --check       test every connection and show what to fix
  $ databridge run "Companies" --dry-run see what a run would change`,
    );

  program
    .command('demo')
    .description('run the whole story, step by step, against the local sandbox')
    .addHelpText('after', '\nExample:\n  $ databridge demo')
    .action(async () => runDemo(io));

  program
    .command('sandbox')
    .description('start the local Visma and SuperOffice stand-ins and keep them running')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ databridge sandbox --port 4000')
    .action(async (options: { port: number; host: string }) => runSandbox(io, options));

  registerConnect(program, context);
  registerConnections(program, context);
  registerReconnect(program, context);
  registerProfiles(program, context);
  registerRun(program, context);
  registerRuns(program, context);
  registerLogs(program, context);
  registerDoctor(program, context);
  return program;
}

function exitOverrideEverywhere(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideEverywhere(sub);
}

/**
 * Runs the CLI with `argv` (without the node and script entries) and returns the exit code instead of exiting,
 * so it can be tested in-process. Usage errors and problems the user can fix map to exit code 2, records that
 * failed in a run to 1, unexpected failures to 3; every error is one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context: CommandContext = { io, exitCode: EXIT_CODES.ok };
  const program = createProgram(context);
  exitOverrideEverywhere(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; commander has already printed the message.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.needsAction;
    }
    const code = exitCodeFor(error);
    printError(io, `databridge: ${describeError(error)}`);
    if (code === EXIT_CODES.internal && error instanceof Error && error.stack && io.env?.DATABRIDGE_DEBUG)
      printError(io, error.stack);
    return code;
  }
}
