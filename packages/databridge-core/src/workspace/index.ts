export { type OpenWorkspaceOptions, openWorkspace, type Workspace } from './open-workspace.js';
