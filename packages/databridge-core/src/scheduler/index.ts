export { InvalidScheduleError } from './invalid-schedule-error.js';
export {
  createScheduler,
  type FailedEvent,
  type FinishedEvent,
  type RefusedEvent,
  type RunProfileFunction,
  type ScheduledEvent,
  type Scheduler,
  type SchedulerEvent,
  type SchedulerOptions,
  type StartedEvent,
} from './scheduler.js';
export { type CronValidation, type ValidateCronOptions, validateCron } from './validate-cron.js';
