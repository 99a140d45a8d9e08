import type { IncomingMessage, ServerResponse } from 'node:http';
import { Provider } from 'oidc-provider';
import { PendingSignIns } from '../../oidc/pending.js';
import { sendJson } from '../../server/http.js';
import { listenOnLoopback } from '../../server/loopback.js';
import { allowLoopbackRedirectsOnAnyPort } from '../../visma/connect/clients.js';
import { ConnectStore } from '../../visma/connect/store.js';
import type { SuperOfficeWorld } from '../world.js';
import { rewritePlainPkce } from './authorize-request.js';
import { clientMetadataFor } from './clients.js';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_STATE_VALID_SECONDS,
  DEFAULT_SYSTEM_TOKEN_SKEW_SECONDS,
  DISCOVERY_PATH,
  REVOKE_PATH,
  STATE_API_PREFIX,
  SYSTEM_USER_PATH,
} from './constants.js';
import { discoveryAdjuster, PROVIDER_DISCOVERY_PATH } from './discovery.js';
import { TenantGrants } from './grants.js';
import { interactionRoutes } from './interaction/routes.js';
import { providerConfiguration } from './provider-config.js';
import { revokeRoute } from './revoke.js';
import { stateApiRoute } from './state-api.js';
import { systemUserRoute } from './system-user.js';
import type { TenantApiUrl } from './tenant-urls.js';
import { tokenEndpointWrapper } from './token-endpoint.js';

/** Options for {@link startSuperOfficeAuthHost}. */
export interface SuperOfficeAuthHostOptions {
  /** Loopback host to bind (default `127.0.0.1`). */
  host?: string;
  /** Port to bind (default 0: any free port). */
  port?: number;
  /** Lifetime of access tokens in seconds (default 3600; superoffice.md §3 also mentions 1200). */
  accessTokenTtlSeconds?: number;
  /** How long a State API answer is valid (`ValidUntil` = now + this; default 60 s, superoffice.md §2). */
  stateValidSeconds?: number;
  /** How far a signed system-user token's timestamp may be from now, either way (default 300 s, superoffice.md §5). */
  systemTokenSkewSeconds?: number;
  /**
   * The REST base of a tenant on a tenant API host, without a trailing slash, e.g.
   * `http://127.0.0.1:P/Cust12345/api`. Feeds `webapi_url`/`netserver_url` and the State API (superoffice.md §2).
   */
  tenantApiUrl: TenantApiUrl;
}

/** A running SuperOffice auth host lookalike. */
export interface SuperOfficeAuthHost {
  /**
   * The issuer and base URL, e.g. `http://127.0.0.1:49152` (superoffice.md §1: `https://{env}.superoffice.com`).
   * Discovery is at `{issuer}/login/.well-known/openid-configuration`.
   */
  readonly issuer: string;
  /** Stops listening and detaches from the world. Safe to call twice. */
  close(): Promise<void>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${value}`);
  return value;
}

/**
 * Starts the SuperOffice auth host lookalike on loopback (superoffice.md §23 "Auth host"): SuperID as an OpenID
 * Provider (oidc-provider 9) with SuperOffice's paths under `/login`, tenant picker and administrator consent,
 * opaque `8A:` access tokens, non-rotating refresh tokens and `…/identity/*` id_token claims (§3, §4); the State
 * API (§2); and the system-user exchange (§5). It issues credentials into `world`, where the tenant API host
 * checks them.
 *
 * `world.reset()` drops every session, interaction, grant, code and refresh token; `world.revokeConsent()`
 * destroys the grants of that app on that tenant, so their refresh tokens answer `invalid_grant`.
 */
export async function startSuperOfficeAuthHost(
  world: SuperOfficeWorld,
  options: SuperOfficeAuthHostOptions,
): Promise<SuperOfficeAuthHost> {
  const accessTokenTtlSeconds = positiveInteger(
    'accessTokenTtlSeconds',
    options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  );
  const stateValidSeconds = positiveInteger(
    'stateValidSeconds',
    options.stateValidSeconds ?? DEFAULT_STATE_VALID_SECONDS,
  );
  const skewSeconds = positiveInteger(
    'systemTokenSkewSeconds',
    options.systemTokenSkewSeconds ?? DEFAULT_SYSTEM_TOKEN_SKEW_SECONDS,
  );
  const { tenantApiUrl } = options;
  // The Visma lookalike's store fits as-is: oidc-provider's models in memory, clients read from the world, no
  // refresh grace (SuperOffice refresh tokens do not rotate).
  const store = new ConnectStore({
    client: (clientId) => {
      const app = world.apps.get(clientId);
      return app === undefined ? undefined : clientMetadataFor(app);
    },
    refreshGraceSeconds: () => 0,
  });
  const grants = new TenantGrants(world, store.adapterClass());
  const pending = new PendingSignIns();

  // The issuer is the loopback URL, known only once listening: requests wait for the routes below.
  let route: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined;
  const server = await listenOnLoopback(
    (request, response) => {
      if (!route) {
        sendJson(response, 503, { error: 'temporarily_unavailable', error_description: 'Starting' });
        return;
      }
      route(request, response).catch((error: unknown) => {
        console.error(
          'SuperOffice auth host sandbox: internal error',
          error instanceof Error ? error.stack : error,
        );
        if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
        else response.destroy();
      });
    },
    { ...(options.host === undefined ? {} : { host: options.host }), port: options.port ?? 0 },
  );

  const provider = new Provider(
    server.url,
    providerConfiguration(world, store, grants, { accessTokenTtlSeconds, tenantApiUrl }),
  );
  // superoffice.md §3 says redirect URIs match exactly; a CLI listens on a random loopback port, so loopback
  // URIs match on any port (RFC 8252 §7.3), as in the Visma lookalike.
  allowLoopbackRedirectsOnAnyPort(provider.Client.prototype);
  provider.on('server_error', (_ctx: unknown, error: unknown) => {
    console.error(
      'SuperOffice auth host sandbox: internal error',
      error instanceof Error ? error.stack : error,
    );
  });
  provider.use(discoveryAdjuster(server.url));
  provider.use(tokenEndpointWrapper(world, grants));
  const oidc = provider.callback();
  const interactions = interactionRoutes({ provider, world, grants, pending });
  const stateApi = stateApiRoute(world, tenantApiUrl, stateValidSeconds);
  const systemUser = systemUserRoute(world, { skewSeconds });
  const revoke = revokeRoute(world, grants, store.adapterClass());
  route = async (request, response) => {
    const path = new URL(request.url ?? '/', server.url).pathname;
    // SuperOffice runs on IIS, whose paths are case-insensitive; the documented casing differs by page.
    const lower = path.toLowerCase();
    if (lower.startsWith(STATE_API_PREFIX)) return stateApi(request, response);
    if (lower === SYSTEM_USER_PATH.toLowerCase()) return systemUser(request, response);
    if (lower === REVOKE_PATH.toLowerCase()) return revoke(request, response);
    if (path.startsWith('/interaction/')) return interactions(request, response);
    if (path === PROVIDER_DISCOVERY_PATH) {
      // superoffice.md §1: discovery is only under /login.
      sendJson(response, 404, { error: 'not_found', error_description: `Discovery is at ${DISCOVERY_PATH}` });
      return;
    }
    if (path === DISCOVERY_PATH) request.url = PROVIDER_DISCOVERY_PATH;
    rewritePlainPkce(request);
    return oidc(request, response);
  };

  const stopReset = world.onReset(() => {
    store.clear();
    grants.clear();
    pending.clear();
  });
  const stopRevoke = world.onRevoke((clientId, ctx) => {
    grants.destroyAll(clientId, ctx).catch((error: unknown) => {
      console.error('SuperOffice auth host sandbox: revoking grants failed', error);
    });
  });
  return {
    issuer: server.url,
    close() {
      stopReset();
      stopRevoke();
      return server.close();
    },
  };
}
