import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../server/http.js';
import type { SuperOfficeWorld } from '../world.js';
import { STATE_API_PREFIX } from './constants.js';
import { type TenantApiUrl, tenantUrls } from './tenant-urls.js';

/** The State API answer (superoffice.md §2). */
export interface TenantStateBody {
  /** The tenant, e.g. `Cust12345`. */
  readonly ContextIdentifier: string;
  /** The tenant's site on its current host, without `/api`. */
  readonly Endpoint: string;
  /** The state name, e.g. `Running` or `Suspended`. */
  readonly State: string;
  /** True for Running and OnlineMaintenance. */
  readonly IsRunning: boolean;
  /** ISO time until which the answer may be cached. */
  readonly ValidUntil: string;
  /** The REST base, `{Endpoint}/api`. */
  readonly Api: string;
}

/**
 * `GET /api/state/{ctx}` (superoffice.md §2, "From the State API"; no authentication). Reflects the world at the
 * time of the call, so a moved or suspended tenant shows at once; `ValidUntil` is now + `validSeconds`.
 * An unknown tenant answers 404 with a JSON error (the real answer is undocumented, UNCERTAIN).
 */
export function stateApiRoute(world: SuperOfficeWorld, tenantApiUrl: TenantApiUrl, validSeconds: number) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET') {
      sendJson(response, 405, { Error: 'Use GET' }, { allow: 'GET' });
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://superid');
    const ctx = decodeURIComponent(pathname.slice(STATE_API_PREFIX.length)).replace(/\/$/, '');
    const tenant = [...world.tenants.values()].find(
      (candidate) => candidate.ctx.toLowerCase() === ctx.toLowerCase(),
    );
    if (!tenant) {
      sendJson(response, 404, { ContextIdentifier: ctx, Error: `Unknown tenant ${ctx}` });
      return;
    }
    const urls = tenantUrls(tenantApiUrl, tenant);
    const body: TenantStateBody = {
      ContextIdentifier: tenant.ctx,
      Endpoint: urls.endpoint,
      State: tenant.state,
      IsRunning: world.isRunning(tenant.ctx),
      ValidUntil: new Date(Date.now() + validSeconds * 1000).toISOString(),
      Api: urls.api,
    };
    sendJson(response, 200, body);
  };
}
