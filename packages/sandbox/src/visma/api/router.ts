import { type PathRouteMatch, PathRouter } from '../../server/router.js';
import type { ApiHandler } from './context.js';

/** One route: a method and a path pattern such as `/v1/customer/:number`. Literal segments match case-insensitively
 * (ASP.NET routing), and literal segments win over parameters regardless of declaration order. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly pattern: string;
  readonly handler: ApiHandler;
}

/** The result of matching a request. */
export type RouteMatch = PathRouteMatch<ApiHandler>;

/** A small router over path segments (the shared {@link PathRouter} over {@link Route}s). */
export class Router extends PathRouter<ApiHandler> {
  /** @param routes - every route; order does not matter. */
  constructor(routes: readonly Route[]) {
    super(routes);
  }
}
