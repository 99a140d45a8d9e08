/**
 * Thrown by `runProfile` when the profile is already running (in this or another process sharing the store): at most
 * one run per profile holds its lease at a time.
 */
export class RunInProgressError extends Error {
  override readonly name = 'RunInProgressError';
  /** The profile that is busy. */
  readonly profileId: string;

  /** @param profileName - shown in the message. */
  constructor(profileId: string, profileName: string) {
    super(
      `Profile ${JSON.stringify(profileName)} is already running; wait for that run to finish (see its progress in ` +
        '`databridge runs`) and trigger it again.',
    );
    this.profileId = profileId;
  }
}
