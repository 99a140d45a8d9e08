import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge profiles` (not built yet). */
export function registerProfiles(_program: Command, _context: CommandContext): void {}
