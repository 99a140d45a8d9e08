/** One problem in a profile. */
export interface ProfileIssue {
  /** Where in the profile, e.g. `options.pageSize` or `mapping.fields[2].rule`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
}

/** A profile that cannot run as configured; {@link ProfileConfigError.issues} names every problem. */
export class ProfileConfigError extends Error {
  override readonly name = 'ProfileConfigError';
  /** Every problem found. */
  readonly issues: readonly ProfileIssue[];

  /** @param profileName - named in the message. */
  constructor(profileName: string, issues: readonly ProfileIssue[]) {
    super(
      `Profile ${JSON.stringify(profileName)} is invalid:\n${issues
        .map((issue) => `  ${issue.path || '(profile)'}: ${issue.message}`)
        .join('\n')}`,
    );
    this.issues = issues;
  }
}
