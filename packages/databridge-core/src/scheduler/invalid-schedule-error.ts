/**
 * A profile's `schedule` is not a usable cron expression. Thrown by the scheduler's `start` and `reload`, which then
 * schedule nothing from that load.
 */
export class InvalidScheduleError extends Error {
  override readonly name = 'InvalidScheduleError';
  /** The profile with the bad schedule. */
  readonly profileId: string;
  /** The expression as stored. */
  readonly expression: string;

  /**
   * @param profileId - The profile's id.
   * @param profileName - Shown in the message.
   * @param expression - The expression as stored.
   * @param reason - Why it is not usable, in one sentence.
   */
  constructor(profileId: string, profileName: string, expression: string, reason: string) {
    super(
      `Profile ${JSON.stringify(profileName)} (${profileId}) has an invalid schedule ${JSON.stringify(expression)}: ` +
        `${reason} Fix the profile's schedule or remove it.`,
    );
    this.profileId = profileId;
    this.expression = expression;
  }
}
