export { checkAll, checkConnection, type HealthCheckDeps } from './check-connection.js';
export type { ConnectionSystems } from './connection-systems.js';
export { type ConnectionHealth, healthForErrorKind, isUsable } from './health.js';
export { type HealthChangeEvent, HealthEvents } from './health-events.js';
