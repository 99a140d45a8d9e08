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
import type { SuperOfficeSandboxTenant, SuperOfficeSandboxUser, SuperOfficeWorld } from '../../world.js';
import { accountIdOf, userOf } from '../accounts.js';
import { adminMustApproveDescription } from '../constants.js';
import type { TenantGrants } from '../grants.js';
import { renderConsentPage, renderLoginPage, renderTenantPage } from './pages.js';

export type { StepRequest } from '../../../oidc/steps.js';

/** What the interaction steps work with. */
export interface InteractionDeps {
  /** The OpenID Provider running the authorization. */
  readonly provider: Provider;
  /** Users, tenants, apps and consents. */
  readonly world: SuperOfficeWorld;
  /** The tenant of each grant. */
  readonly grants: TenantGrants;
  /** Progress per interaction; `tenantId` holds the picked context identifier. */
  readonly pending: PendingSignIns;
}

function appNameOf(deps: InteractionDeps, details: InteractionDetails): string {
  const clientId = clientIdOf(details);
  return deps.world.apps.get(clientId)?.name ?? clientId;
}

/**
 * Who this interaction runs as: the user who logged in during it, or else the browser session's user, unless the
 * provider asks for a login (no session, or `prompt=login`: not documented by SuperOffice, superoffice.md §3
 * UNCERTAIN, but supported here so clients can force the right user, lessons-from-peers.md §14).
 */
function userOfStep(deps: InteractionDeps, details: InteractionDetails): SuperOfficeSandboxUser | undefined {
  const accountId = interactionAccount(deps.pending, details, (id) => userOf(deps.world, id) !== undefined);
  return accountId === undefined ? undefined : userOf(deps.world, accountId);
}

/** superoffice.md §3: `acr_values=tenant:Cust12345` names the tenant and skips the picker. */
function requestedTenant(details: InteractionDetails): string | undefined {
  const acr = typeof details.params.acr_values === 'string' ? details.params.acr_values : '';
  const value = acr.split(' ').find((entry) => entry.toLowerCase().startsWith('tenant:'));
  return value?.slice('tenant:'.length);
}

function tenantsOf(deps: InteractionDeps, user: SuperOfficeSandboxUser): SuperOfficeSandboxTenant[] {
  return user.tenants.flatMap((ctx) => {
    const tenant = deps.world.tenants.get(ctx);
    return tenant ? [tenant] : [];
  });
}

/** Ends the interaction successfully: a new grant for this app on this tenant (its refresh token stays on it). */
async function finishWithGrant(
  deps: InteractionDeps,
  step: StepRequest,
  user: SuperOfficeSandboxUser,
  ctx: string,
): Promise<void> {
  const clientId = clientIdOf(step.details);
  const accountId = accountIdOf(user);
  const grant = new deps.provider.Grant({ accountId, clientId });
  grant.addOIDCScope('openid');
  const grantId = await grant.save();
  deps.grants.set(grantId, clientId, ctx);
  const { loginTs } = deps.pending.get(step.details.uid);
  await finish(deps, step, { ...loginResult(accountId, loginTs), consent: { grantId } });
}

/**
 * GET /interaction/:uid: shows the page of the step this interaction is at (login, tenant picker, consent), or
 * ends it (consent already given, or refused because only an administrator may give it).
 */
export async function showStep(deps: InteractionDeps, step: StepRequest): Promise<void> {
  const { details, response } = step;
  const { uid } = details;
  const user = userOfStep(deps, details);
  if (!user) {
    const hint = typeof details.params.login_hint === 'string' ? { email: details.params.login_hint } : {};
    sendHtml(response, 200, renderLoginPage(uid, appNameOf(deps, details), hint));
    return;
  }
  const tenants = tenantsOf(deps, user);
  const named = requestedTenant(details);
  let tenant: SuperOfficeSandboxTenant | undefined;
  if (named !== undefined) {
    tenant = tenants.find((candidate) => candidate.ctx.toLowerCase() === named.toLowerCase());
    if (!tenant) {
      const description = `${user.email} has no access to tenant ${named}.`;
      await finish(deps, step, { error: 'access_denied', error_description: description });
      return;
    }
  } else {
    const picked = deps.pending.get(uid).tenantId;
    tenant =
      tenants.find((candidate) => candidate.ctx === picked) ??
      (tenants.length === 1 ? tenants[0] : undefined);
    if (tenants.length === 0) {
      const description = `${user.email} does not belong to any SuperOffice tenant.`;
      await finish(deps, step, { error: 'access_denied', error_description: description });
      return;
    }
    if (!tenant) {
      sendHtml(response, 200, renderTenantPage(uid, tenants));
      return;
    }
  }
  deps.pending.set(uid, { ...deps.pending.get(uid), tenantId: tenant.ctx });
  await consentStep(deps, step, user, tenant);
}

/** superoffice.md §3 ("Consent"): approved apps pass; otherwise only a tenant administrator may approve. */
async function consentStep(
  deps: InteractionDeps,
  step: StepRequest,
  user: SuperOfficeSandboxUser,
  tenant: SuperOfficeSandboxTenant,
): Promise<void> {
  const app = deps.world.apps.get(clientIdOf(step.details));
  if (app?.consents.has(tenant.ctx)) {
    await finishWithGrant(deps, step, user, tenant.ctx);
    return;
  }
  const appName = appNameOf(deps, step.details);
  if (!user.isAdministrator) {
    const description = adminMustApproveDescription(appName, tenant.name);
    await finish(deps, step, { error: 'access_denied', error_description: description });
    return;
  }
  const view = { appName, userName: user.name, companyName: tenant.name };
  sendHtml(step.response, 200, renderConsentPage(step.details.uid, view));
}

/** POST /interaction/:uid/login (`email`, `password`): a wrong password shows the page again with an error. */
export async function submitLogin(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  await submitLoginForm(deps, step, form, {
    userByEmail: (email) => deps.world.userByEmail(email),
    accountIdOf,
    renderLoginPage: (uid, options) => renderLoginPage(uid, appNameOf(deps, step.details), options),
  });
}

/** POST /interaction/:uid/tenant (`tenant` = a context identifier): picks one of the listed tenants. */
export async function submitTenant(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  const { uid } = step.details;
  const user = userOfStep(deps, step.details);
  if (!user) {
    seeOther(step.response, `/interaction/${uid}`);
    return;
  }
  const tenants = tenantsOf(deps, user);
  const ctx = (form.get('tenant') ?? '').trim();
  const tenant = tenants.find((candidate) => candidate.ctx.toLowerCase() === ctx.toLowerCase());
  if (!tenant) {
    sendHtml(step.response, 400, renderTenantPage(uid, tenants, 'Select one of the listed tenants.'));
    return;
  }
  rememberPick(deps, step, tenant.ctx);
}

/**
 * POST /interaction/:uid/consent (`consent=approve` or `consent=deny`). Only a tenant administrator gets here;
 * approving stores the app's consent (and system token) on the tenant via `world.grantConsent`.
 */
export async function submitConsent(
  deps: InteractionDeps,
  step: StepRequest,
  form: URLSearchParams,
): Promise<void> {
  const { details } = step;
  const user = userOfStep(deps, details);
  const ctx = deps.pending.get(details.uid).tenantId;
  const tenant = ctx === undefined ? undefined : deps.world.tenants.get(ctx);
  const clientId = clientIdOf(details);
  if (!user || !tenant || !deps.world.apps.has(clientId)) {
    seeOther(step.response, `/interaction/${details.uid}`);
    return;
  }
  if (form.get('consent') !== 'approve') {
    await finish(deps, step, {
      error: 'access_denied',
      error_description: 'The user did not approve the application.',
    });
    return;
  }
  if (!user.isAdministrator) {
    const description = adminMustApproveDescription(appNameOf(deps, details), tenant.name);
    await finish(deps, step, { error: 'access_denied', error_description: description });
    return;
  }
  deps.world.grantConsent(clientId, tenant.ctx);
  await finishWithGrant(deps, step, user, tenant.ctx);
}
