export {
  Browser,
  CookieJar,
  callbackParams,
  interactionUid,
  type Landing,
  pageHtml,
  pkcePair,
  signInToVisma,
  type VismaSignIn,
} from './browser/scripted-browser.js';
export { LOOPBACK_HOSTS, type LoopbackServer, listenOnLoopback } from './server/loopback.js';
export {
  type Sandbox,
  type SandboxHealth,
  type SandboxOptions,
  type SuperOfficeSandbox,
  startSandbox,
  type VismaSandbox,
} from './start-sandbox.js';
export * from './superoffice/api/index.js';
export * from './superoffice/auth-host/index.js';
export { SUPEROFFICE_SEED } from './superoffice/seed.js';
export * from './superoffice/webhooks/index.js';
export {
  type SuperOfficeEvent,
  type SuperOfficePrincipal,
  type SuperOfficeSandboxApp,
  type SuperOfficeSandboxTenant,
  type SuperOfficeSandboxUser,
  SuperOfficeWorld,
  type SuperOfficeWorldSeed,
  TENANT_STATES,
  type TenantStateName,
  TICKET_LIFETIME_MS,
} from './superoffice/world.js';
export * from './visma/api/index.js';
export * from './visma/connect/index.js';
export { VISMA_SEED } from './visma/seed.js';
export {
  type RefreshTokenMode,
  type VismaRole,
  type VismaSandboxApp,
  type VismaSandboxCompany,
  type VismaSandboxUser,
  type VismaSigningKeys,
  VismaWorld,
  type VismaWorldSeed,
} from './visma/world.js';
