export { type SuperOfficeSignIn, signInToSuperOffice } from './sign-in.js';
export {
  type SuperOfficeAuthHost,
  type SuperOfficeAuthHostOptions,
  startSuperOfficeAuthHost,
} from './start-auth-host.js';
export type { TenantStateBody } from './state-api.js';
export type { SystemUserAnswer } from './system-user.js';
export type { TenantApiUrl } from './tenant-urls.js';
