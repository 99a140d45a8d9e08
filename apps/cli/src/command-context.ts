import type { Command } from 'commander';
import type { CliIo } from './io.js';
import type { GlobalOptions } from './workspace.js';

/** What every command gets: the terminal, and a slot for an exit code other than 0 that is not an error. */
export interface CommandContext {
  /** Where output goes. */
  readonly io: CliIo;
  /** Set by a command that finished but must not exit 0 (e.g. 1 when records failed). */
  exitCode: number;
}

/** The global options (`--home`) as seen from inside a command's action. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** A command module: adds its commands to the program. */
export type RegisterCommands = (program: Command, context: CommandContext) => void;
