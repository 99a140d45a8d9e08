/**
 * Where the CLI writes and what it knows about its terminal: commands never touch `process` directly, so tests run
 * them in-process and capture everything.
 */
export interface CliIo {
  /** Writes one line of normal output (stdout). */
  log(line: string): void;
  /** Writes one line of diagnostics (stderr). */
  error?(line: string): void;
  /** Whether stdout is an interactive terminal (progress bars, colour, prompts). */
  readonly isTTY?: boolean | undefined;
  /** Environment (`DATABRIDGE_HOME`, `DATABRIDGE_MASTER_KEY`, app settings); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The real terminal. */
export function processIo(): CliIo {
  return {
    log: (line) => process.stdout.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
    isTTY: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    env: process.env,
  };
}

/** Writes to stderr (or to `log` when the sink has no error channel). */
export function printError(io: CliIo, line: string): void {
  (io.error ?? io.log)(line);
}
