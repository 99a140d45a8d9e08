export {
  startVismaConnect,
  type VismaConnectOptions,
  type VismaConnectServer,
} from './start-visma-connect.js';
