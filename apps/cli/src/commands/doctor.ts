import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge doctor` (not built yet). */
export function registerDoctor(_program: Command, _context: CommandContext): void {}
