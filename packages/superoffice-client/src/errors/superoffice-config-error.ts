/**
 * Thrown when options given to the SuperOffice client are invalid, before any request is sent.
 *
 * Not an API error: nothing was sent and nothing can be retried. `issues` names each invalid option.
 */
export class SuperOfficeConfigError extends Error {
  /** Always `'SuperOfficeConfigError'`. */
  override readonly name = 'SuperOfficeConfigError';
  /** One entry per problem, each naming the option path. */
  readonly issues: readonly SuperOfficeConfigIssue[];

  constructor(issues: readonly SuperOfficeConfigIssue[]) {
    super(
      `Invalid SuperOffice client options: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
    );
    this.issues = issues;
  }
}

/** One problem found in the SuperOffice client options. */
export interface SuperOfficeConfigIssue {
  /** Dotted path of the offending option (`''` for the options object itself). */
  readonly path: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}
