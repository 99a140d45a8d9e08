export { checkAll, checkConnection, type HealthCheckDeps } from './check-connection.js';
export {
  type ConnectionClientDeps,
  type SuperOfficeClientExtras,
  superOfficeClientFor,
  type VismaClientExtras,
  vismaClientFor,
} from './connection-clients.js';
export { type ConnectionSystems, vismaAuthFor } from './connection-systems.js';
export { type ConnectionHealth, healthForErrorKind, isUsable } from './health.js';
export { type HealthChangeEvent, HealthEvents } from './health-events.js';
export { type ProfileHealth, profileHealth } from './profile-health.js';
export { type ReconnectResult, reconnect } from './reconnect.js';
