import { entityRoutes } from './resources/entities.js';
import { foreignKeyRoutes } from './resources/foreign-keys.js';
import { listRoutes } from './resources/lists.js';
import { principalRoutes } from './resources/principal.js';
import { SoRouter } from './router.js';

/** Every route of the tenant host (superoffice.md §8.1, reduced to what DataBridge needs). */
export function createRouter(): SoRouter {
  return new SoRouter([...entityRoutes, ...listRoutes, ...foreignKeyRoutes, ...principalRoutes]);
}
