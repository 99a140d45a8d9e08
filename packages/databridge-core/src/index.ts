export { defaultDatabridgeHome, type ResolveHomeOptions, resolveDatabridgeHome } from './config/home.js';
export {
  CONFIG_FILE,
  discoverSystems,
  type LoadSystemsConfigOptions,
  loadSystemsConfig,
  SYSTEMS_ENV,
  type SystemsConfig,
  SystemsConfigError,
  systemsConfigSchema,
} from './config/systems-config.js';
export * from './connections/index.js';
export * from './connectors/index.js';
export { ERROR_KINDS, type ErrorKind, isErrorKind } from './errors/error-kind.js';
export { toClassifiedError, withRemedy } from './errors/to-classified-error.js';
export * from './mapping/index.js';
export * from './model/index.js';
export * from './scheduler/index.js';
export * from './store/index.js';
export * from './sync/index.js';
export * from './vault/index.js';
export * from './workspace/index.js';
