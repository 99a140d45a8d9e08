import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, InteractionResults, Provider } from 'oidc-provider';
import type { VismaWorld } from '../../world.js';
import {
  IDENTITY_SCOPES,
  INTERACTIVE_API_SCOPES,
  NO_API_COMPANY_DESCRIPTION,
  SERVICE_API_SCOPES,
  VISMA_API_AUDIENCE,
} from '../constants.js';
import { seeOther, sendHtml } from '../http.js';
import type { ConnectStore } from '../store.js';
import { renderCompanyPage, renderConsentPage, renderLoginPage } from './pages.js';
import type { PendingSignIns } from './pending.js';

/** What the interaction steps work with. */
export interface InteractionDeps {
  readonly provider: Provider;
  readonly world: VismaWorld;
  readonly store: ConnectStore;
  readonly pending: PendingSignIns;
}

/** One request to one interaction, after `interactionDetails` accepted the browser's cookie. */
export interface StepRequest {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly details: InteractionDetails;
}

const epochSeconds = (): number => Math.floor(Date.now() / 1000);

function clientIdOf(details: InteractionDetails): string {
  return typeof details.params.client_id === 'string' ? details.params.client_id : '';
}

/**
 * Who this interaction runs as: the user who signed in during it, or else the browser session's user, unless
 * the provider asks for a login (no session, `prompt=login`, `max_age`).
 *
 * visma-net.md §2.11: Visma Connect reuses the SSO session, so without a forced login the consent silently runs
 * as whoever is still signed in in this browser.
 */
function accountOf(deps: InteractionDeps, details: InteractionDetails): string | undefined {
  const signedIn = deps.pending.get(details.uid).accountId;
  if (signedIn !== undefined) return signedIn;
  if (details.prompt.name === 'login') return undefined;
  const sessionAccount = details.session?.accountId;
  return sessionAccount !== undefined && deps.world.users.has(sessionAccount) ? sessionAccount : undefined;
}

async function finish(deps: InteractionDeps, step: StepRequest, result: InteractionResults): Promise<void> {
  deps.pending.delete(step.details.uid);
  await deps.provider.interactionFinished(step.request, step.response, result, {
    mergeWithLastSubmission: false,
  });
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
  const { uid } = step.details;
  const email = form.get('email') ?? '';
  const user = deps.world.userByEmail(email);
  if (!user || user.password !== (form.get('password') ?? '')) {
    const page = renderLoginPage(uid, clientIdOf(step.details), {
      email,
      error: 'The e-mail address or password is incorrect.',
    });
    sendHtml(step.response, 200, page);
    return;
  }
  deps.pending.set(uid, { accountId: user.sub, loginTs: epochSeconds() });
  seeOther(step.response, `/interaction/${uid}`);
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
  deps.pending.set(uid, { ...deps.pending.get(uid), tenantId });
  seeOther(step.response, `/interaction/${uid}`);
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
  const login = state.loginTs === undefined ? {} : { login: { accountId, ts: state.loginTs, amr: ['pwd'] } };
  await finish(deps, step, { ...login, consent: { grantId } });
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
