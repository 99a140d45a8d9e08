import type { SuperOfficeAuth } from '@databridge/superoffice-client';
import type { VismaAuth, VismaConnection } from '@databridge/visma-client';

/**
 * How DataBridge reaches each system: the discovered sign-in settings of the app, and where the API is. One per
 * installation; every connection of that system uses it.
 */
export interface ConnectionSystems {
  /**
   * Visma Connect app and the Visma.net API base (default: the production host); `serviceAuth` is the service app
   * (client credentials) that renews the tokens of service connections.
   */
  readonly visma?:
    | {
        readonly auth: VismaAuth;
        readonly serviceAuth?: VismaAuth | undefined;
        readonly apiBaseUrl?: string | undefined;
      }
    | undefined;
  /** SuperID app (its issuer also serves the State API). */
  readonly superoffice?: { readonly auth: SuperOfficeAuth } | undefined;
}

/**
 * The Visma app that renews a connection's tokens: the service app for client-credentials connections (a refresh
 * is a new client-credentials grant with that app's secret), the interactive app otherwise.
 */
export function vismaAuthFor(
  settings: NonNullable<ConnectionSystems['visma']>,
  connection: VismaConnection,
): VismaAuth {
  if (connection.kind !== 'service') return settings.auth;
  if (!settings.serviceAuth) {
    throw new Error(
      'This Visma connection was made with a service app, but no service app is configured (visma.service in config.json or DATABRIDGE_VISMA_SERVICE_CLIENT_ID/SECRET)',
    );
  }
  return settings.serviceAuth;
}
