/** One problem in a mapping spec. */
export interface MappingSpecIssue {
  /** Where in the spec, e.g. `fields[3].rule.separator` (empty for the root). */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** 1-based line in the file, when the spec came from text. */
  readonly line?: number | undefined;
  /** 1-based column in the file, when the spec came from text. */
  readonly column?: number | undefined;
}

/** A mapping spec that does not parse or validate; {@link MappingSpecError.issues} names every problem. */
export class MappingSpecError extends Error {
  /** Every problem found. */
  readonly issues: readonly MappingSpecIssue[];

  /** Builds the error from its issues; `fileName` prefixes the message lines. */
  constructor(issues: readonly MappingSpecIssue[], fileName?: string) {
    const where = (issue: MappingSpecIssue): string =>
      `${fileName ?? 'mapping'}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}${
        issue.path ? ` ${issue.path}` : ''
      }`;
    super(
      `Invalid mapping spec:\n${issues.map((issue) => `  ${where(issue)}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'MappingSpecError';
    this.issues = issues;
  }
}
