import { type PathRouteMatch, PathRouter } from '../../server/router.js';
import type { SoHandler } from './context.js';

/** HTTP methods the tenant API routes. */
export type SoMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route: a method and a path pattern below `/{ctx}/api`, such as `/v1/Contact/:id`. Literal segments match
 * case-insensitively (ASP.NET routing) and win over parameters (`/v1/Contact/default` before `/v1/Contact/:id`).
 */
export interface SoRoute {
  /** HTTP method. */
  readonly method: SoMethod;
  /** Path pattern; `:name` segments are parameters. */
  readonly pattern: string;
  /** The handler. */
  readonly handler: SoHandler;
}

/** The result of matching a request. */
export type SoRouteMatch = PathRouteMatch<SoHandler>;

/** A small router over path segments (the shared {@link PathRouter}); `match` takes a path below `/{ctx}/api`. */
export class SoRouter extends PathRouter<SoHandler> {
  /** @param routes - every route; order does not matter. */
  constructor(routes: readonly SoRoute[]) {
    super(routes);
  }
}
