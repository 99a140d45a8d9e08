import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge connect` (not built yet). */
export function registerConnect(_program: Command, _context: CommandContext): void {}
