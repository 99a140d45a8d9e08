export { LOOPBACK_HOSTS, type LoopbackServer, listenOnLoopback } from './server/loopback.js';
export { type Sandbox, type SandboxHealth, type SandboxOptions, startSandbox } from './start-sandbox.js';
