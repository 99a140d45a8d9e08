/**
 * Server-rendered HTML of the SuperID lookalike. Plain forms, no JavaScript: a test can drive every page with form
 * posts. Field names and paths are listed in `routes.ts`.
 */
import { escapeHtml, pageShell } from '../../../oidc/pages.js';

const shell = pageShell('SuperOffice');

/** The SuperID sign-in page: e-mail (pre-filled from `login_hint`) and password. */
export function renderLoginPage(
  uid: string,
  appName: string,
  options: { email?: string; error?: string },
): string {
  const introHtml = `Log in to continue to <strong>${escapeHtml(appName)}</strong>.`;
  return shell.loginPage(uid, { title: 'Log in to SuperOffice', introHtml, button: 'Log in' }, options);
}

/** A tenant the user can pick. */
export interface TenantChoice {
  /** Context identifier, the radio button's value. */
  readonly ctx: string;
  /** Company name shown next to it. */
  readonly name: string;
}

/** superoffice.md §3: the tenant picker, shown when the user belongs to several tenants and no `acr_values`. */
export function renderTenantPage(uid: string, tenants: readonly TenantChoice[], error?: string): string {
  const options = tenants.map((tenant) => ({ value: tenant.ctx, label: `${tenant.name} (${tenant.ctx})` }));
  return shell.pickerPage(uid, { title: 'Select tenant', action: 'tenant', field: 'tenant', options }, error);
}

/** What the consent page shows. */
export interface ConsentView {
  /** The app asking for approval. */
  readonly appName: string;
  /** The administrator approving. */
  readonly userName: string;
  /** The tenant's company name. */
  readonly companyName: string;
}

/** superoffice.md §3 ("Consent"): an administrator approves the app for the tenant ("I approve"). */
export function renderConsentPage(uid: string, view: ConsentView): string {
  return shell.page(
    'Approve application',
    `<p><strong>${escapeHtml(view.appName)}</strong> asks for access to <strong>${escapeHtml(view.companyName)}</strong>.
As an administrator, <strong>${escapeHtml(view.userName)}</strong> can approve it for every user of the tenant.</p>
${shell.consentForm(uid, 'I approve', 'Cancel')}`,
  );
}

/** An error page for browser-facing failures (an expired interaction, a bad redirect_uri). */
export function renderErrorPage(out: Record<string, unknown>): string {
  return shell.errorPage(out);
}

/** The end-session question; `form` is oidc-provider's hidden form (`id="op.logoutForm"`, field `xsrf`). */
export function renderLogoutPage(form: string): string {
  return shell.logoutPage(form, {
    title: 'Log out',
    question: 'Do you want to log out of SuperOffice?',
    confirm: 'Log out',
    stay: 'Stay logged in',
  });
}

/** Shown after logging out when no post_logout_redirect_uri was given. */
export function renderSignedOutPage(): string {
  return shell.page('Logged out', '<p>You are now logged out of SuperOffice.</p>');
}
