export {
  checkpointJson,
  type PassCheckpoint,
  type ProfileCheckpoint,
  readCheckpoint,
} from './checkpoint-state.js';
export { contentHash } from './content-hash.js';
export { allFields, diffFields, type FieldDiff } from './field-diff.js';
export { type LookupSource, lookupSourceSchema } from './lookups.js';
export { MAX_RETRY_KEYS } from './pass.js';
export { ProfileConfigError, type ProfileIssue } from './profile-config-error.js';
export {
  DEFAULT_OVERLAP_MS,
  type PassSettings,
  type ProfileSettings,
  resolveProfileSettings,
} from './profile-settings.js';
export { RunInProgressError } from './run-in-progress-error.js';
export { acquireRunLease, LeaseLostError, RUN_LEASE_TTL_MS, type RunLease } from './run-lease.js';
export type { PlanEntry, RetryBudget, RunProfileOptions, RunProgress, RunReport } from './run-options.js';
export { runProfile, type SyncDeps } from './run-profile.js';
