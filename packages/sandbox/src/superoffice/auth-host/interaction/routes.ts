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
import { interactionHandler } from '../../../oidc/routes.js';
import { renderErrorPage } from './pages.js';
import { type InteractionDeps, showStep, submitConsent, submitLogin, submitTenant } from './steps.js';

const SUBMITS = { login: submitLogin, tenant: submitTenant, consent: submitConsent } as const;

/** Handles every request under `/interaction/`. */
export function interactionRoutes(deps: InteractionDeps) {
  return interactionHandler(deps, {
    base: 'http://superid',
    show: showStep,
    submits: SUBMITS,
    renderErrorPage,
  });
}
