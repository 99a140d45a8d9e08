import type { InteractionDetails, Provider } from 'oidc-provider';
import type { PendingSignIns } from '../../../oidc/pending.js';
import {
  clientIdOf,
  finishInteraction as finish,
  interactionAccount,
  loginResult,
  rememberPick,
  type StepRequest,
  submitLoginForm,
} from '../../../oidc/steps.js';
import { seeOther, sendHtml } from '../../../server/http.js';
import type { VismaWorld } from '../../world.js';
import {
  IDENTITY_SCOPES,
  INTERACTIVE_API_SCOPES,
  NO_API_COMPANY_DESCRIPTION,
  SERVICE_API_SCOPES,
  VISMA_API_AUDIENCE,
} from '../constants.js';
import type { ConnectStore } from '../store.js';
import { renderCompanyPage, renderConsentPage, renderLoginPage } from './pages.js';

export type { StepRequest } from '../../../oidc/steps.js';

/** What the interaction steps work with. */
export interface InteractionDeps {
  readonly provider: Provider;
  readonly world: VismaWorld;
  readonly store: ConnectStore;
  readonly pending: PendingSignIns;
}

/**
 * Who this interaction runs as: the user who signed in during it, or else the browser session's user, unless
 * the provider asks for a login (no session, `prompt=login`, `max_age`).
 *
 * visma-net.md §2.11: Visma Connect reuses the SSO session, so without a forced login the consent silently runs
 * as whoever is still signed in in this browser.
 */
function accountOf(deps: InteractionDeps, details: InteractionDetails): string | undefined {
  return interactionAccount(deps.pending, details, (accountId) => deps.world.users.has(accountId));
}

/** GET /interaction/:uid: shows the page of the step this interaction is at, or ends it. */
export async function showStep(deps: InteractionDeps, step: StepRequest): Promise<void> {
  const { details, response } = step;
  const { uid } = details;
  const accountId = accountOf(deps, details);
  if (accountId === undefined) {
    sendHtml(response, 200, renderLoginPage(uid, clientIdOf(details), {}));
    return;
  }
  // visma-net.md §2.6 and §2.9 ("Sign-in" row): only companies where the user holds API User can be picked.
  const companies = deps.world.apiCompaniesOf(accountId);
  if (companies.length === 0) {
    await finish(deps, step, { error: 'access_denied', error_description: NO_API_COMPANY_DESCRIPTION });
    return;
  }
  const state = deps.pending.get(uid);
  let tenantId = companies.some((company) => company.tenantId === state.tenantId)
    ? state.tenantId
    : undefined;
  if (tenantId === undefined) {
    const [only, ...others] = companies;
    // visma-net.md §2.6: with exactly one company it is picked without asking.
    if (only === undefined || others.length > 0) {
      sendHtml(response, 200, renderCompanyPage(uid, companies));
      return;
    }
    tenantId = only.tenantId;
    deps.pending.set(uid, { ...state, tenantId });
  }
  const company = deps.world.companies.get(tenantId);
  const scopes = typeof details.params.scope === 'string' ? details.params.scope.split(' ') : [];
  sendHtml(
    response,
    200,
    renderConsentPage(uid, {
      clientId: clientIdOf(details),
      userName: deps.world.users.get(accountId)?.name ?? accountId,
      companyName: company?.name ?? tenantId,
      scopes,
    }),
  );
}

/** POST /interaction/:uid/login (`email`, `password`): a wrong password shows the page again with an error. */
export async function submitLogin(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  await submitLoginForm(deps, step, form, {
    userByEmail: (email) => deps.world.userByEmail(email),
    accountIdOf: (user) => user.sub,
    renderLoginPage: (uid, options) => renderLoginPage(uid, clientIdOf(step.details), options),
  });
}

/** POST /interaction/:uid/company (`tenant_id`): picks one of the listed companies. */
export async function submitCompany(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  const { uid } = step.details;
  const accountId = accountOf(deps, step.details);
  if (accountId === undefined) {
    seeOther(step.response, `/interaction/${uid}`);
    return;
  }
  const companies = deps.world.apiCompaniesOf(accountId);
  const tenantId = (form.get('tenant_id') ?? '').trim().toLowerCase();
  if (!companies.some((company) => company.tenantId === tenantId)) {
    sendHtml(step.response, 400, renderCompanyPage(uid, companies, 'Select one of the listed companies.'));
    return;
  }
  rememberPick(deps, step, tenantId);
}

/**
 * POST /interaction/:uid/consent (`consent=approve` or `consent=deny`). Approving creates a new grant for the
 * requested scopes and remembers the picked company for it, so refreshed tokens keep the same `tenant_id`.
 */
export async function submitConsent(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  const { details } = step;
  const state = deps.pending.get(details.uid);
  const accountId = accountOf(deps, details);
  if (accountId === undefined || state.tenantId === undefined) {
    seeOther(step.response, `/interaction/${details.uid}`);
    return;
  }
  if (form.get('consent') !== 'approve') {
    await finish(deps, step, { error: 'access_denied', error_description: 'The user denied the request.' });
    return;
  }
  const grantId = await saveGrant(deps, details, accountId);
  deps.store.setGrantTenant(grantId, state.tenantId);
  await finish(deps, step, { ...loginResult(accountId, state.loginTs), consent: { grantId } });
}

async function saveGrant(
  deps: InteractionDeps,
  details: InteractionDetails,
  accountId: string,
): Promise<string> {
  const clientId = clientIdOf(details);
  const requested = typeof details.params.scope === 'string' ? details.params.scope.split(' ') : [];
  const apiScopes =
    deps.world.apps.get(clientId)?.kind === 'service' ? SERVICE_API_SCOPES : INTERACTIVE_API_SCOPES;
  const grant = new deps.provider.Grant({ accountId, clientId });
  const identity = requested.filter((scope) => IDENTITY_SCOPES.includes(scope));
  if (identity.length > 0) grant.addOIDCScope(identity.join(' '));
  const claims = details.prompt.details.missingOIDCClaims;
  if (claims && claims.length > 0) grant.addOIDCClaims(claims);
  const api = requested.filter((scope) => apiScopes.includes(scope));
  if (api.length > 0) grant.addResourceScope(VISMA_API_AUDIENCE, api.join(' '));
  return grant.save();
}
