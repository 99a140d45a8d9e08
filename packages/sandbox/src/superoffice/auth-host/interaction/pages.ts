/**
 * Server-rendered HTML of the SuperID lookalike. Plain forms, no JavaScript: a test can drive every page with form
 * posts. Field names and paths are listed in `routes.ts`.
 */
import { escapeHtml } from '../../../visma/connect/interaction/pages.js';

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - SuperOffice (sandbox)</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

function errorLine(error: string | undefined): string {
  return error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
}

/** The SuperID sign-in page: e-mail (pre-filled from `login_hint`) and password. */
export function renderLoginPage(
  uid: string,
  appName: string,
  options: { email?: string; error?: string },
): string {
  const email = options.email === undefined ? '' : ` value="${escapeHtml(options.email)}"`;
  return layout(
    'Log in to SuperOffice',
    `<p>Log in to continue to <strong>${escapeHtml(appName)}</strong>.</p>
${errorLine(options.error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>E-mail <input type="email" name="email" autocomplete="username" required${email}></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>`,
  );
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
  const options = tenants
    .map(
      (tenant, index) =>
        `<li><label><input type="radio" name="tenant" value="${escapeHtml(tenant.ctx)}"${
          index === 0 ? ' checked' : ''
        }> ${escapeHtml(tenant.name)} (${escapeHtml(tenant.ctx)})</label></li>`,
    )
    .join('\n');
  return layout(
    'Select tenant',
    `${errorLine(error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/tenant">
<ul>
${options}
</ul>
<button type="submit">Continue</button>
</form>`,
  );
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
  return layout(
    'Approve application',
    `<p><strong>${escapeHtml(view.appName)}</strong> asks for access to <strong>${escapeHtml(view.companyName)}</strong>.
As an administrator, <strong>${escapeHtml(view.userName)}</strong> can approve it for every user of the tenant.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/consent">
<button type="submit" name="consent" value="approve">I approve</button>
<button type="submit" name="consent" value="deny">Cancel</button>
</form>`,
  );
}

/** An error page for browser-facing failures (an expired interaction, a bad redirect_uri). */
export function renderErrorPage(out: Record<string, unknown>): string {
  const error = typeof out.error === 'string' ? out.error : 'server_error';
  const description = typeof out.error_description === 'string' ? out.error_description : '';
  return layout(
    'Something went wrong',
    `<p class="error" role="alert"><code id="error">${escapeHtml(error)}</code></p>
<p id="error_description">${escapeHtml(description)}</p>`,
  );
}

/** The end-session question; `form` is oidc-provider's hidden form (`id="op.logoutForm"`, field `xsrf`). */
export function renderLogoutPage(form: string): string {
  return layout(
    'Log out',
    `${form}
<p>Do you want to log out of SuperOffice?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Log out</button>
<button type="submit" form="op.logoutForm">Stay logged in</button>`,
  );
}

/** Shown after logging out when no post_logout_redirect_uri was given. */
export function renderSignedOutPage(): string {
  return layout('Logged out', '<p>You are now logged out of SuperOffice.</p>');
}
