/**
 * A small route table over path segments, shared by the API stand-ins. Literal segments match case-insensitively
 * (ASP.NET routing, which both Visma.net and SuperOffice use) and win over `:name` parameters regardless of
 * declaration order.
 */

/** One route: a method, a path pattern such as `/v1/customer/:number`, and what handles it. */
export interface PathRoute<H> {
  /** HTTP method. */
  readonly method: string;
  /** Path pattern; `:name` segments are parameters. */
  readonly pattern: string;
  /** The handler. */
  readonly handler: H;
}

/** The result of matching a request. */
export type PathRouteMatch<H> =
  | { readonly kind: 'found'; readonly handler: H; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

interface CompiledRoute<H> {
  readonly route: PathRoute<H>;
  readonly segments: readonly string[];
  /** Literal-ness per segment, for ranking: more leading literals win. */
  readonly rank: number;
}

/** A small router over path segments. */
export class PathRouter<H> {
  readonly #routes: CompiledRoute<H>[];

  /** @param routes - every route; order does not matter. */
  constructor(routes: readonly PathRoute<H>[]) {
    this.#routes = routes
      .map((route) => {
        const segments = route.pattern.split('/').filter(Boolean);
        const rank = segments.reduce((acc, s, i) => acc + (s.startsWith(':') ? 0 : 2 ** (16 - i)), 0);
        return { route, segments: segments.map((s) => (s.startsWith(':') ? s : s.toLowerCase())), rank };
      })
      .sort((a, b) => b.rank - a.rank);
  }

  /** Finds the route for a method and a path. */
  match(method: string, path: string): PathRouteMatch<H> {
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
