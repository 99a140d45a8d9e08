import { Command, CommanderError, InvalidArgumentError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { type DemoOutput, runDemo } from './commands/demo.js';
import { runSandbox } from './commands/sandbox.js';
import { EXIT_CODES } from './exit-codes.js';

/** The CLI's version, taken from its package.json at build time. */
export const CLI_VERSION: string = pkg.version;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('must be a whole number from 0 to 65535 (0 picks a free port)');
  }
  return port;
}

/** Builds the `databridge` command tree. Output goes to `out` so tests and embedders can capture it. */
export function createProgram(out: DemoOutput = console): Command {
  const program = new Command('databridge')
    .description('Keep SuperOffice CRM and Visma.net Financials in sync.')
    .version(CLI_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 finished with failed records, 2 needs action (configuration,
authentication, permission), 3 internal error.

Examples:
  $ databridge demo                 run the whole story against the local sandbox
  $ databridge sandbox --port 4000  start the local Visma and SuperOffice stand-ins`,
    );

  program
    .command('demo')
    .description('run what DataBridge can do, step by step, against the local sandbox')
    .action(async () => runDemo(out));

  program
    .command('sandbox')
    .description('start the local Visma and SuperOffice stand-ins and keep them running')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', parsePort, 0)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ databridge sandbox --port 4000')
    .action(async (options: { port: number; host: string }) => runSandbox(out, options));

  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script entries) and returns the exit code instead of exiting,
 * so it can be tested in-process. Usage errors map to exit code 2, unexpected failures to 3.
 */
export async function runCli(argv: readonly string[], out: DemoOutput = console): Promise<number> {
  const program = createProgram(out);
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0; commander has already printed the message.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.needsAction;
    }
    process.stderr.write(`databridge: ${(error as Error).message}\n`);
    return EXIT_CODES.internal;
  }
}
