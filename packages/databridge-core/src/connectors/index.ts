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
export { type CountingFetch, countingFetch, type FetchFunction } from './counting-fetch.js';
export {
  type ConnectorResolverOptions,
  type CustomConnectorFactory,
  createConnectorResolver,
} from './create-connector-resolver.js';
export {
  createSuperOfficeConnector,
  type SuperOfficeChangeCursor,
  type SuperOfficeConnectorOptions,
} from './superoffice/superoffice-connector.js';
export {
  createVismaConnector,
  type VismaChangeCursor,
  type VismaConnectorOptions,
} from './visma/visma-connector.js';
