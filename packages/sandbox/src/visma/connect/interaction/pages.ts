/**
 * Server-rendered HTML of the Visma Connect lookalike. Plain forms, no JavaScript: a test can drive every page
 * with form posts. Field names and paths are listed in `routes.ts`.
 */
import { escapeHtml, pageShell } from '../../../oidc/pages.js';

export { escapeHtml } from '../../../oidc/pages.js';

const shell = pageShell('Visma Connect');

/** The sign-in page: e-mail and password. */
export function renderLoginPage(
  uid: string,
  clientId: string,
  options: { email?: string; error?: string },
): string {
  const introHtml = `Sign in to continue to <strong>${escapeHtml(clientId)}</strong>.`;
  return shell.loginPage(uid, { title: 'Sign in', introHtml, button: 'Sign in' }, options);
}

/** A company the user can pick. */
export interface CompanyChoice {
  readonly tenantId: string;
  readonly name: string;
}

/** visma-net.md §2.6: the context selector listing the companies where the user holds API User. */
export function renderCompanyPage(uid: string, companies: readonly CompanyChoice[], error?: string): string {
  const options = companies.map((company) => ({ value: company.tenantId, label: company.name }));
  return shell.pickerPage(
    uid,
    { title: 'Select company', action: 'company', field: 'tenant_id', options },
    error,
  );
}

/** What the consent page shows. */
export interface ConsentView {
  readonly clientId: string;
  readonly userName: string;
  readonly companyName: string;
  readonly scopes: readonly string[];
}

/** The consent page: approve or deny the requested scopes for the picked company. */
export function renderConsentPage(uid: string, view: ConsentView): string {
  const scopes = view.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('\n');
  return shell.page(
    'Allow access',
    `<p><strong>${escapeHtml(view.clientId)}</strong> asks to access <strong>${escapeHtml(view.companyName)}</strong>
as <strong>${escapeHtml(view.userName)}</strong>.</p>
<ul>
${scopes}
</ul>
${shell.consentForm(uid, 'Allow', 'Deny')}`,
  );
}

/** An error page for browser-facing failures (for example an expired interaction or a bad redirect_uri). */
export function renderErrorPage(out: Record<string, unknown>): string {
  return shell.errorPage(out);
}

/**
 * visma-net.md §2.11: `/connect/endsession` asks before signing out. `form` is oidc-provider's hidden form
 * (`id="op.logoutForm"`, field `xsrf`); the "Sign out" button adds `logout=yes`.
 */
export function renderLogoutPage(form: string): string {
  return shell.logoutPage(form, {
    title: 'Sign out',
    question: 'Do you want to sign out of Visma Connect?',
    confirm: 'Sign out',
    stay: 'Stay signed in',
  });
}

/** Shown after signing out when no post_logout_redirect_uri was given. */
export function renderSignedOutPage(): string {
  return shell.page('Signed out', '<p>You are now signed out of Visma Connect.</p>');
}
