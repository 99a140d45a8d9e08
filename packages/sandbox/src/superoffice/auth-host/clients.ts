import type { AdapterPayload } from 'oidc-provider';
import type { SuperOfficeSandboxApp } from '../world.js';

/**
 * OAuth client metadata of an app registered in the (simulated) SuperOffice Developer Portal (superoffice.md §3):
 * confidential web client, authorization code + refresh token, `client_secret_post` or `client_secret_basic`
 * (oidc-provider accepts either from the same client), `auth_time` always in the id_token (lessons-from-peers.md
 * §14: clients check it after `prompt=login`).
 */
export function clientMetadataFor(app: SuperOfficeSandboxApp): AdapterPayload {
  return {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...app.redirectUris],
    post_logout_redirect_uris: [...app.redirectUris],
    require_auth_time: true,
  };
}
