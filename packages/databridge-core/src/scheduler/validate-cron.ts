import { Cron } from 'croner';

/** Options of {@link validateCron}. */
export interface ValidateCronOptions {
  /** IANA time zone the expression is read in (such as `Europe/Oslo`); the system's zone when absent. */
  readonly timeZone?: string | undefined;
  /** The instant to compute the next run from; now when absent. */
  readonly now?: Date | undefined;
}

/** What {@link validateCron} says about a cron expression. */
export type CronValidation =
  | {
      /** The expression is usable. */
      readonly valid: true;
      /** When it fires next, after {@link ValidateCronOptions.now}. */
      readonly next: Date;
    }
  | {
      /** The expression is not usable. */
      readonly valid: false;
      /** Why, in one sentence, for the user. */
      readonly message: string;
    };

/**
 * Checks a profile's cron expression (five fields `minute hour day month weekday`, optionally with a leading seconds
 * field, or a nickname such as `@daily`) and says when it fires next. Used by the scheduler when it loads profiles
 * and by `databridge profiles validate`.
 *
 * @example
 * ```ts
 * const result = validateCron('*\/15 * * * *', { timeZone: 'Europe/Oslo' });
 * if (!result.valid) console.error(result.message);
 * ```
 */
export function validateCron(expression: string, options: ValidateCronOptions = {}): CronValidation {
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    return {
      valid: false,
      message: `Unknown time zone ${JSON.stringify(options.timeZone)}; use an IANA name such as "Europe/Oslo".`,
    };
  }
  let cron: Cron;
  try {
    cron = compileCron(expression, options.timeZone);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return {
      valid: false,
      message: `${reason} Use five fields "minute hour day month weekday", such as "*/15 * * * *".`,
    };
  }
  const next = cron.nextRun(options.now ?? new Date());
  if (next === null || next === undefined) {
    return { valid: false, message: 'The expression never fires (no such date).' };
  }
  return { valid: true, next };
}

/**
 * A paused croner job for `expression` that only computes run times (it never calls anything itself).
 *
 * @internal
 */
export function compileCron(expression: string, timeZone: string | undefined): Cron {
  return new Cron(expression.trim(), {
    paused: true,
    ...(timeZone === undefined ? {} : { timezone: timeZone }),
  });
}

/**
 * Whether `timeZone` is an IANA time zone this runtime knows.
 *
 * @internal
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
