/** Exit codes of the `databridge` command, documented in its README and `--help`. */
export const EXIT_CODES = {
  /** Everything succeeded. */
  ok: 0,
  /** A run finished, but some records failed. */
  recordsFailed: 1,
  /** The user must act: bad flags or files, configuration, authentication or permission. */
  needsAction: 2,
  /** A bug or an unexpected failure inside DataBridge. */
  internal: 3,
} as const;
