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
export type SoRouteMatch =
  | { readonly kind: 'found'; readonly handler: SoHandler; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

interface Compiled {
  readonly route: SoRoute;
  readonly segments: readonly string[];
  readonly rank: number;
}

/** A small router over path segments. */
export class SoRouter {
  readonly #routes: Compiled[];

  /** @param routes - every route; order does not matter. */
  constructor(routes: readonly SoRoute[]) {
    this.#routes = routes
      .map((route) => {
        const segments = route.pattern.split('/').filter(Boolean);
        const rank = segments.reduce((acc, s, i) => acc + (s.startsWith(':') ? 0 : 2 ** (16 - i)), 0);
        return { route, segments: segments.map((s) => (s.startsWith(':') ? s : s.toLowerCase())), rank };
      })
      .sort((a, b) => b.rank - a.rank);
  }

  /** Finds the route for a method and a path below `/{ctx}/api`. */
  match(method: string, path: string): SoRouteMatch {
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
        if (!segment.startsWith(':')) return segment === part.toLowerCase();
        params[segment.slice(1)] = part;
        return true;
      });
      if (!ok) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
  }
}
