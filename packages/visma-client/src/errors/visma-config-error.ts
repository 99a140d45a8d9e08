/**
 * Thrown when options given to the Visma client are invalid, before any request is sent.
 *
 * It is deliberately not an API error: nothing was sent, nothing can be retried, and the fix
 * is in the caller's code or configuration. `issues` lists every problem found, each naming the option path.
 */
export class VismaConfigError extends Error {
  /** Always `'VismaConfigError'`, so logs and `error.name` checks tell it from a `VismaError`. */
  override readonly name = 'VismaConfigError';
  /** One entry per problem, e.g. `{ path: 'companyId', message: 'must be a tenant id GUID …' }`. */
  readonly issues: readonly VismaConfigIssue[];

  constructor(issues: readonly VismaConfigIssue[]) {
    super(
      `Invalid Visma client options: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
    );
    this.issues = issues;
  }
}

/** One problem found in the Visma client options. */
export interface VismaConfigIssue {
  /** Dotted path of the offending option (`''` for the options object itself). */
  readonly path: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}
