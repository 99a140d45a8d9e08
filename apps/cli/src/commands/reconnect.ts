import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Adds `databridge reconnect` (not built yet). */
export function registerReconnect(_program: Command, _context: CommandContext): void {}
