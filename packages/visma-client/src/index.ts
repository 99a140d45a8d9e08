export { VismaConfigError, type VismaConfigIssue } from './errors/visma-config-error.js';
export {
  DEFAULT_VISMA_API_BASE_URL,
  DEFAULT_VISMA_ISSUER,
  LEGACY_VISMA_API_HOST,
  type ResolvedVismaClientOptions,
  resolveVismaClientOptions,
  type VismaClientOptions,
} from './options.js';
