export { CliError } from './cli-error.js';
export type { CommandContext } from './command-context.js';
export type { DemoOutput } from './commands/demo.js';
export { EXIT_CODES } from './exit-codes.js';
export { type CliIo, processIo } from './io.js';
export { CLI_VERSION, createProgram, runCli } from './program.js';
