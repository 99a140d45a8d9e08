import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge run` (not built yet). */
export function registerRun(_program: Command, _context: CommandContext): void {}
