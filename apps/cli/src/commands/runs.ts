import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge runs` (not built yet). */
export function registerRuns(_program: Command, _context: CommandContext): void {}
