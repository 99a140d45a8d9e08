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
  startSandbox,
  type VismaSandbox,
} from './start-sandbox.js';
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
