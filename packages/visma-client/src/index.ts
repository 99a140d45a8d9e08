export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type CompleteAuthorizationOptions,
  completeAuthorization,
  createAuthorizationRequest,
  VISMA_IDENTITY_SCOPES,
  type VismaInteractiveScope,
} from './auth/connect-interactive.js';
export {
  type ConnectServiceOptions,
  connectService,
  type VismaServiceScope,
} from './auth/connect-service.js';
export { type RefreshConnectionOptions, refreshConnection } from './auth/refresh.js';
export { VismaTokenManager, type VismaTokenManagerOptions } from './auth/token-manager.js';
export {
  readAccessTokenClaims,
  type VismaAccessTokenClaims,
  type VismaConnection,
  type VismaTokenSet,
  type VismaUser,
} from './auth/token-set.js';
export { MemoryTokenStore, type StoredVismaConnection, type VismaTokenStore } from './auth/token-store.js';
export {
  type DiscoverVismaAuthSettings,
  discoverVismaAuth,
  toVismaAuthError,
  type VismaAuth,
  type VismaFetch,
} from './auth/visma-auth.js';
export { type CreateVismaClientOptions, createVismaClient, type VismaClient } from './client.js';
export {
  classifyNetworkError,
  classifyVismaError,
  type VismaErrorContext,
  type VismaErrorResponse,
} from './errors/classify.js';
export { VISMA_ERROR_KINDS, type VismaErrorKind } from './errors/error-kind.js';
export { type ParsedErrorBody, parseErrorBody } from './errors/parse-error-body.js';
export { VismaConfigError, type VismaConfigIssue } from './errors/visma-config-error.js';
export { isVismaError, VismaError, type VismaErrorInit } from './errors/visma-error.js';
export {
  createVismaTransport,
  type VismaRetryOptions,
  type VismaTransportSettings,
} from './http/create-transport.js';
export { RateLimitGate, type RateLimitPermit, type RateLimitState } from './http/rate-limit-gate.js';
export type { QueryValue, VismaRequest, VismaResponse, VismaTransport } from './http/transport.js';
export {
  DEFAULT_VISMA_API_BASE_URL,
  DEFAULT_VISMA_ISSUER,
  isTenantId,
  LEGACY_VISMA_API_HOST,
  type ResolvedVismaAuthOptions,
  type ResolvedVismaClientOptions,
  resolveVismaAuthOptions,
  resolveVismaClientOptions,
  type VismaAuthOptions,
  type VismaClientOptions,
} from './options.js';
export * from './resources/index.js';
