import type { ApiHandler } from './context.js';

/** One route: a method and a path pattern such as `/v1/customer/:number`. Literal segments match case-insensitively
 * (ASP.NET routing), and literal segments win over parameters regardless of declaration order. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly pattern: string;
  readonly handler: ApiHandler;
}

/** The result of matching a request. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: ApiHandler; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
  /** Literal-ness per segment, for ranking: more leading literals win. */
  readonly rank: number;
}

/** A small router over path segments. */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.#routes = routes
      .map((route) => {
        const segments = route.pattern.split('/').filter(Boolean);
        const rank = segments.reduce((acc, s, i) => acc + (s.startsWith(':') ? 0 : 2 ** (16 - i)), 0);
        return { route, segments: segments.map((s) => (s.startsWith(':') ? s : s.toLowerCase())), rank };
      })
      .sort((a, b) => b.rank - a.rank);
  }

  /** Finds the route for a method and a path. */
  match(method: string, path: string): RouteMatch {
    let parts: string[];
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return { kind: 'notFound' };
    }
    const allowed: string[] = [];
    for (const { route, segments } of this.#routes) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = segments.every((segment, i) => {
        const part = parts[i] as string;
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = part;
          return true;
        }
        return segment === part.toLowerCase();
      });
      if (!ok) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}
