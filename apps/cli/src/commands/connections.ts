import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge connections` (not built yet). */
export function registerConnections(_program: Command, _context: CommandContext): void {}
