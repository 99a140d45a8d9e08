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
import { interactionHandler } from '../../../oidc/routes.js';
import { renderErrorPage } from './pages.js';
import { type InteractionDeps, showStep, submitCompany, submitConsent, submitLogin } from './steps.js';

const SUBMITS = { login: submitLogin, company: submitCompany, consent: submitConsent } as const;

/** Handles every request under `/interaction/`. */
export function interactionRoutes(deps: InteractionDeps) {
  return interactionHandler(deps, {
    base: 'http://connect',
    show: showStep,
    submits: SUBMITS,
    renderErrorPage,
  });
}
