export { defaultDatabridgeHome, type ResolveHomeOptions, resolveDatabridgeHome } from './config/home.js';
export * from './connections/index.js';
export * from './connectors/index.js';
export { ERROR_KINDS, type ErrorKind, isErrorKind } from './errors/error-kind.js';
export * from './mapping/index.js';
export * from './model/index.js';
export * from './store/index.js';
export * from './sync/index.js';
export * from './vault/index.js';
