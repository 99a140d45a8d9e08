/**
 * The sign-in pages of the SuperID lookalike, at `/interaction/<uid>` (oidc-provider redirects the browser there
 * from `/login/common/oauth/authorize`). Plain HTML forms, the same shape as the Visma Connect lookalike's; drive
 * them with form posts and a cookie jar (`_interaction`, path `/interaction/<uid>`, ties the browser to the
 * interaction; `_session` is the SSO session), or with `signInToSuperOffice` (`../sign-in.ts`).
 *
 * | Request                            | Form fields                              | Answer                                  |
 * |------------------------------------|------------------------------------------|-----------------------------------------|
 * | `GET  /interaction/<uid>`          | -                                        | the current step's page (see below)     |
 * | `POST /interaction/<uid>/login`    | `email`, `password`                      | 303 → `GET /interaction/<uid>`; wrong   |
 * |                                    |                                          | password: 200, login page + error       |
 * | `POST /interaction/<uid>/tenant`   | `tenant` (radio; value = ctx, `Cust…`)   | 303 → `GET /interaction/<uid>`          |
 * | `POST /interaction/<uid>/consent`  | `consent=approve` or `consent=deny`      | 303 → `/login/common/oauth/authorize/   |
 * |                                    |                                          | <uid>`, then the client's redirect_uri  |
 *
 * Steps, in order (superoffice.md §3):
 * 1. Login (`email` pre-filled from `login_hint`), skipped when the browser has a session, unless `prompt=login`.
 * 2. Tenant picker (radio buttons named `tenant`), shown when the user belongs to several tenants; skipped with
 *    `acr_values=tenant:CustNNNN` (a tenant the user does not belong to → `error=access_denied`).
 * 3. Consent, only when the app is not yet approved on the tenant: an administrator sees "I approve"
 *    (`consent=approve`, stored with `world.grantConsent`) or "Cancel" (`deny` → `error=access_denied`); a normal
 *    user is sent back at once with `error=access_denied` and an `error_description` saying an administrator must
 *    approve. An approved app skips this page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from 'oidc-provider';
import { readForm, sendHtml } from '../../../visma/connect/http.js';
import { renderErrorPage } from './pages.js';
import { type InteractionDeps, showStep, submitConsent, submitLogin, submitTenant } from './steps.js';

const ROUTE = /^\/interaction\/([^/]+)(?:\/(login|tenant|consent))?$/;

const SUBMITS = { login: submitLogin, tenant: submitTenant, consent: submitConsent } as const;

/** Handles every request under `/interaction/`. */
export function interactionRoutes(deps: InteractionDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = ROUTE.exec(new URL(request.url ?? '/', 'http://superid').pathname);
    const action = match?.[2] as keyof typeof SUBMITS | undefined;
    const wantedMethod = action === undefined ? 'GET' : 'POST';
    if (!match || request.method !== wantedMethod) {
      sendHtml(response, 404, renderErrorPage({ error: 'not_found', error_description: 'No such page.' }));
      return;
    }
    try {
      const details = await deps.provider.interactionDetails(request, response);
      if (details.uid !== match[1]) throw new errors.SessionNotFound('interaction session id mismatch');
      const step = { request, response, details };
      if (action === undefined) await showStep(deps, step);
      else await SUBMITS[action](deps, step, await readForm(request));
    } catch (error) {
      if (response.headersSent) return;
      const known = error instanceof errors.OIDCProviderError;
      const out = known
        ? { error: error.error, error_description: error.error_description }
        : { error: 'server_error', error_description: 'The sign-in page failed.' };
      sendHtml(response, known ? error.statusCode : 500, renderErrorPage(out));
    }
  };
}
