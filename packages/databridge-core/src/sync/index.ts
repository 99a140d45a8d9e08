export type { PlanEntry, RetryBudget, RunProfileOptions, RunProgress, RunReport } from './run-options.js';
