import Table from 'cli-table3';
import pc from 'picocolors';
import type { CliIo } from './io.js';

/** Prints a value as indented JSON (the `--json` form of every listing). */
export function printJson(io: CliIo, value: unknown): void {
  io.log(JSON.stringify(value, null, 2));
}

/** Prints rows as a table with a header; colour only on a terminal. */
export function printTable(io: CliIo, head: readonly string[], rows: readonly (readonly unknown[])[]): void {
  const table = new Table({
    head: head.map((h) => (io.isTTY ? pc.bold(h) : h)),
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const row of rows)
    table.push(row.map((cell) => (cell === undefined || cell === null ? '' : String(cell))));
  for (const line of table.toString().split('\n')) io.log(line);
}

/** Colours for terminals; plain text otherwise. */
export function colors(io: CliIo) {
  const on = io.isTTY === true;
  const id = (text: string) => text;
  return {
    ok: on ? pc.green : id,
    warn: on ? pc.yellow : id,
    bad: on ? pc.red : id,
    dim: on ? pc.dim : id,
    bold: on ? pc.bold : id,
  };
}

/** A health word coloured by how bad it is. */
export function healthLabel(io: CliIo, health: string): string {
  const c = colors(io);
  if (health === 'ok') return c.ok(health);
  if (health === 'expiring' || health === 'unreachable') return c.warn(health);
  return c.bad(health);
}
