export type {
  ChangePage,
  ClassifiableError,
  Connector,
  ConnectorCallOptions,
  ConnectorRecord,
  EntityDescription,
  MatchCriteria,
  ReadChangesOptions,
  UpdateOptions,
  WriteResult,
} from './connector.js';
export { ConnectorError, type ConnectorErrorOptions, isClassifiableError } from './connector-error.js';
export type { ConnectorResolver } from './connector-resolver.js';
