import type { IncomingMessage, ServerResponse } from 'node:http';
import { Provider } from 'oidc-provider';
import { PendingSignIns } from '../../oidc/pending.js';
import { sendJson } from '../../server/http.js';
import { listenOnLoopback } from '../../server/loopback.js';
import type { VismaWorld } from '../world.js';
import { allowLoopbackRedirectsOnAnyPort, clientMetadataFor } from './clients.js';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS } from './constants.js';
import { interactionRoutes } from './interaction/routes.js';
import { providerConfiguration } from './provider-config.js';
import { ConnectStore } from './store.js';
import { userinfoRoute } from './userinfo.js';

/** Options for {@link startVismaConnect}. */
export interface VismaConnectOptions {
  /** Loopback host to bind (default `127.0.0.1`). */
  host?: string;
  /** Port to bind (default 0: any free port). */
  port?: number;
  /** Lifetime of access tokens in seconds (default 3600, as Visma Connect; visma-net.md §2.8). For tests. */
  accessTokenTtlSeconds?: number;
}

/** A running Visma Connect lookalike. */
export interface VismaConnectServer {
  /** The issuer and base URL, e.g. `http://127.0.0.1:49152` (discovery is at `/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** Stops listening and detaches from the world. Safe to call twice. */
  close(): Promise<void>;
}

/** visma-net.md §10: only the response modes Visma documents (§2.6): query and form_post. */
const RESPONSE_MODES = ['query', 'form_post'];

/**
 * Starts the Visma Connect lookalike on loopback: an OpenID Provider (oidc-provider 9) that signs in the world's
 * users, issues RS256 JWT access tokens signed with `world.keys`, and copies Visma Connect's documented behaviour
 * (visma-net.md §2, §10): company picker, `tenant_id`, refresh-token modes with a grace period, `invalid_tenant`.
 *
 * `world.reset()` drops every session, grant, code and refresh token; `world.revokeGrants()` destroys the grants
 * a user gave an app, so its refresh tokens answer `invalid_grant`.
 */
export async function startVismaConnect(
  world: VismaWorld,
  options: VismaConnectOptions = {},
): Promise<VismaConnectServer> {
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds < 1) {
    throw new Error(`accessTokenTtlSeconds must be a positive integer, not ${accessTokenTtlSeconds}`);
  }
  const store = new ConnectStore({
    client: (clientId) => {
      const app = world.apps.get(clientId);
      return app === undefined ? undefined : clientMetadataFor(app);
    },
    refreshGraceSeconds: (clientId) => {
      const app = world.apps.get(clientId);
      return app?.refreshTokenMode === 'one_time' ? app.refreshGraceSeconds : 0;
    },
  });
  const pending = new PendingSignIns();

  // The issuer is the loopback URL, known only once listening: requests wait for the routes below.
  let route: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined;
  const server = await listenOnLoopback(
    (request, response) => {
      if (!route) {
        sendJson(response, 503, { error: 'temporarily_unavailable', error_description: 'Starting' });
        return;
      }
      route(request, response).catch(() => {
        if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
        else response.destroy();
      });
    },
    { ...(options.host === undefined ? {} : { host: options.host }), port: options.port ?? 0 },
  );

  const provider = new Provider(server.url, providerConfiguration(world, store, { accessTokenTtlSeconds }));
  allowLoopbackRedirectsOnAnyPort(provider.Client.prototype);
  // A bug in our hooks shows as a 500 `server_error`; say where, without the request (it may hold tokens).
  provider.on('server_error', (_ctx: unknown, error: unknown) => {
    console.error('Visma Connect sandbox: internal error', error instanceof Error ? error.stack : error);
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).response_modes_supported = RESPONSE_MODES;
    }
  });
  const oidc = provider.callback();
  const interactions = interactionRoutes({ provider, world, store, pending });
  const userinfo = userinfoRoute(world, server.url);
  route = async (request, response) => {
    const path = new URL(request.url ?? '/', server.url).pathname;
    if (path === '/connect/userinfo') return userinfo(request, response);
    if (path.startsWith('/interaction/')) return interactions(request, response);
    return oidc(request, response);
  };

  const stopReset = world.onReset(() => {
    store.clear();
    pending.clear();
  });
  const stopRevoke = world.onRevoke((clientId, sub) => store.revokeGrantsOf(clientId, sub));
  return {
    issuer: server.url,
    close() {
      stopReset();
      stopRevoke();
      return server.close();
    },
  };
}
