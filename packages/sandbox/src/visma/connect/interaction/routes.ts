/**
 * The sign-in pages of the Visma Connect lookalike, at `/interaction/<uid>` (oidc-provider redirects the browser
 * there from `/connect/authorize`). Plain HTML forms; drive them with form posts and a cookie jar (the
 * `_interaction` cookie, path `/interaction/<uid>`, ties the browser to the interaction; `_session` is the SSO
 * session).
 *
 * | Request                            | Form fields                              | Answer                                  |
 * |------------------------------------|------------------------------------------|-----------------------------------------|
 * | `GET  /interaction/<uid>`          | -                                        | the current step's page (see below)     |
 * | `POST /interaction/<uid>/login`    | `email`, `password`                      | 303 → `GET /interaction/<uid>`; wrong   |
 * |                                    |                                          | password: 200, login page + error       |
 * | `POST /interaction/<uid>/company`  | `tenant_id` (a Company tenant id)        | 303 → `GET /interaction/<uid>`          |
 * | `POST /interaction/<uid>/consent`  | `consent=approve` or `consent=deny`      | 303 → `/connect/authorize/<uid>`, which |
 * |                                    |                                          | redirects to the client's redirect_uri  |
 *
 * Steps, in order (visma-net.md §2.6, §2.9, §2.11):
 * 1. Login (`email`/`password`), skipped when the browser already has a session, unless `prompt=login` or
 *    `max_age` forces it. A skipped login means the rest runs as the session's user.
 * 2. Company picker (radio buttons named `tenant_id`) listing the companies where the user holds API User.
 *    Exactly one: picked without asking. None: the authorization fails; the client gets
 *    `error=access_denied` with an `error_description` saying so.
 * 3. Consent (buttons `consent=approve` / `consent=deny`; deny → `error=access_denied`).
 *
 * Signing in as a different user than the session's: `/connect/authorize/<uid>` first answers 200 with a form
 * that posts `xsrf` + `logout=yes` to `/connect/endsession/confirm` (auto-submitted by script, or via its
 * button); posting it ends the old session and redirects back, and the flow continues as the new user.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from 'oidc-provider';
import { readForm, sendHtml } from '../http.js';
import { renderErrorPage } from './pages.js';
import { type InteractionDeps, showStep, submitCompany, submitConsent, submitLogin } from './steps.js';

const ROUTE = /^\/interaction\/([^/]+)(?:\/(login|company|consent))?$/;

const SUBMITS = { login: submitLogin, company: submitCompany, consent: submitConsent } as const;

/** Handles every request under `/interaction/`. */
export function interactionRoutes(deps: InteractionDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = ROUTE.exec(new URL(request.url ?? '/', 'http://connect').pathname);
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
