export { SUPEROFFICE_ENVIRONMENTS, type SuperOfficeEnvironment } from './environments.js';
export { SuperOfficeConfigError, type SuperOfficeConfigIssue } from './errors/superoffice-config-error.js';
export {
  type ResolvedSuperOfficeClientOptions,
  resolveSuperOfficeClientOptions,
  type SuperOfficeClientOptions,
} from './options.js';
