export {
  completeSuperOfficeAuthorization,
  connectionClaims,
  createSuperOfficeAuthorizationRequest,
  refreshSuperOfficeConnection,
  SUPEROFFICE_CLAIMS,
  type SuperOfficeAuthorizationRequest,
  type SuperOfficeAuthorizationRequestOptions,
} from './auth/connect-interactive.js';
export type {
  SuperOfficeConnection,
  SuperOfficeOnsiteConnection,
  SuperOfficeSystemConnection,
  SuperOfficeUser,
  SuperOfficeUserConnection,
} from './auth/connection.js';
export { CredentialManager, type CredentialManagerOptions } from './auth/credential-manager.js';
export {
  discoverSuperOffice,
  type SuperOfficeAuth,
  type SuperOfficeAuthOptions,
  type SuperOfficeFetch,
  toSuperOfficeAuthError,
} from './auth/superoffice-auth.js';
export {
  type ConnectSystemUserOptions,
  connectSystemUser,
  readSystemUserPrivateKey,
  signSystemUserToken,
  TICKET_LIFETIME_MS,
} from './auth/system-user.js';
export {
  type CreateSuperOfficeClientOptions,
  createSuperOfficeClient,
  type SuperOfficeClient,
} from './client.js';
export { SUPEROFFICE_ENVIRONMENTS, type SuperOfficeEnvironment } from './environments.js';
export {
  classifySuperOfficeError,
  classifySuperOfficeNetworkError,
  type SuperOfficeErrorContext,
  type SuperOfficeErrorResponse,
} from './errors/classify.js';
export { SUPEROFFICE_ERROR_KINDS, type SuperOfficeErrorKind } from './errors/error-kind.js';
export { type ParsedSuperOfficeErrorBody, parseSuperOfficeErrorBody } from './errors/parse-error-body.js';
export { SuperOfficeConfigError, type SuperOfficeConfigIssue } from './errors/superoffice-config-error.js';
export {
  isSuperOfficeError,
  SuperOfficeError,
  type SuperOfficeErrorInit,
} from './errors/superoffice-error.js';
export {
  createSuperOfficeTransport,
  type SuperOfficeRetryOptions,
  type SuperOfficeTransportSettings,
} from './http/create-transport.js';
export { RequestThrottle } from './http/throttle.js';
export type {
  QueryValue,
  SuperOfficeRequest,
  SuperOfficeResponse,
  SuperOfficeTransport,
} from './http/transport.js';
export {
  type ResolvedSuperOfficeClientOptions,
  resolveSuperOfficeClientOptions,
  type SuperOfficeClientOptions,
} from './options.js';
export * from './resources/index.js';
export { TenantRouter, type TenantRouterOptions, type TenantState } from './routing/tenant-router.js';
