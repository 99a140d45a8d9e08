export { defaultDatabridgeHome, type ResolveHomeOptions, resolveDatabridgeHome } from './config/home.js';
export { type ConnectionHealth, healthForErrorKind, isUsable } from './connections/health.js';
export { ERROR_KINDS, type ErrorKind, isErrorKind } from './errors/error-kind.js';
