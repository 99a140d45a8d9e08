import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge logs` (not built yet). */
export function registerLogs(_program: Command, _context: CommandContext): void {}
