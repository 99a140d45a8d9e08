export type { Checkpoint } from './checkpoint.js';
export { type ClassifiedError, classifiedErrorSchema } from './classified-error.js';
export type { Connection, ConnectionPatch, ConnectionSystem, NewConnection } from './connection.js';
export type { JsonObject, JsonValue } from './json.js';
export type { Link, LinkInput } from './link.js';
export type { NewProfile, Profile, ProfileEnd, ProfilePatch, SyncDirection } from './profile.js';
export type {
  FieldChange,
  NewRun,
  NewRunRecord,
  RecordOutcome,
  Run,
  RunCounts,
  RunPatch,
  RunRecord,
  RunRecordDetail,
  RunState,
} from './run.js';
export { type SealedRecord, sealedRecordSchema, TOKENS_PURPOSE } from './sealed-record.js';
