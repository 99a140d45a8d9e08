import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type { z } from 'zod';
import type { JsonValue } from '../../model/index.js';

/** A row as `node:sqlite` returns it. */
export type Row = Record<string, SQLOutputValue>;

/** A required text column. */
export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`Store column ${column} is not text`);
  return value;
}

/** A nullable text column, `undefined` for NULL. */
export function optionalText(row: Row, column: string): string | undefined {
  const value = row[column];
  return value === null || value === undefined ? undefined : text(row, column);
}

/** A required integer column. */
export function integer(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new Error(`Store column ${column} is not an integer`);
  return value;
}

/** A required JSON column. */
export function json(row: Row, column: string): JsonValue {
  return JSON.parse(text(row, column)) as JsonValue;
}

/** A nullable JSON column, `undefined` for NULL. */
export function optionalJson(row: Row, column: string): JsonValue | undefined {
  const value = optionalText(row, column);
  return value === undefined ? undefined : (JSON.parse(value) as JsonValue);
}

/** A nullable JSON column checked against `schema`, `undefined` for NULL. */
export function parsedJson<T>(row: Row, column: string, schema: z.ZodType<T>): T | undefined {
  const value = optionalJson(row, column);
  return value === undefined ? undefined : schema.parse(value);
}

/** JSON text for a nullable column. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Turns `[column, value]` pairs into `column = ?` assignments, leaving out pairs whose value is `undefined`. */
export function setClause(pairs: ReadonlyArray<readonly [string, SQLInputValue | undefined]>): {
  readonly sql: string;
  readonly values: SQLInputValue[];
} {
  const present = pairs.filter((pair): pair is readonly [string, SQLInputValue] => pair[1] !== undefined);
  return {
    sql: present.map(([column]) => `${column} = ?`).join(', '),
    values: present.map(([, value]) => value),
  };
}
