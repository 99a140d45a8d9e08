export type { DemoOutput } from './commands/demo.js';
export { EXIT_CODES } from './exit-codes.js';
export { CLI_VERSION, createProgram, runCli } from './program.js';
