/**
 * Server-rendered HTML of the Visma Connect lookalike. Plain forms, no JavaScript: a test can drive every page
 * with form posts. Field names and paths are listed in `routes.ts`.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - Visma Connect (sandbox)</title></head>
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

/** The sign-in page: e-mail and password. */
export function renderLoginPage(
  uid: string,
  clientId: string,
  options: { email?: string; error?: string },
): string {
  const email = options.email === undefined ? '' : ` value="${escapeHtml(options.email)}"`;
  return layout(
    'Sign in',
    `<p>Sign in to continue to <strong>${escapeHtml(clientId)}</strong>.</p>
${errorLine(options.error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>E-mail <input type="email" name="email" autocomplete="username" required${email}></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** A company the user can pick. */
export interface CompanyChoice {
  readonly tenantId: string;
  readonly name: string;
}

/** visma-net.md §2.6: the context selector listing the companies where the user holds API User. */
export function renderCompanyPage(uid: string, companies: readonly CompanyChoice[], error?: string): string {
  const options = companies
    .map(
      (company, index) =>
        `<li><label><input type="radio" name="tenant_id" value="${escapeHtml(company.tenantId)}"${
          index === 0 ? ' checked' : ''
        }> ${escapeHtml(company.name)}</label></li>`,
    )
    .join('\n');
  return layout(
    'Select company',
    `${errorLine(error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/company">
<ul>
${options}
</ul>
<button type="submit">Continue</button>
</form>`,
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
  return layout(
    'Allow access',
    `<p><strong>${escapeHtml(view.clientId)}</strong> asks to access <strong>${escapeHtml(view.companyName)}</strong>
as <strong>${escapeHtml(view.userName)}</strong>.</p>
<ul>
${scopes}
</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/consent">
<button type="submit" name="consent" value="approve">Allow</button>
<button type="submit" name="consent" value="deny">Deny</button>
</form>`,
  );
}

/** An error page for browser-facing failures (for example an expired interaction or a bad redirect_uri). */
export function renderErrorPage(out: Record<string, unknown>): string {
  const error = typeof out.error === 'string' ? out.error : 'server_error';
  const description = typeof out.error_description === 'string' ? out.error_description : '';
  return layout(
    'Something went wrong',
    `<p class="error" role="alert"><code id="error">${escapeHtml(error)}</code></p>
<p id="error_description">${escapeHtml(description)}</p>`,
  );
}

/**
 * visma-net.md §2.11: `/connect/endsession` asks before signing out. `form` is oidc-provider's hidden form
 * (`id="op.logoutForm"`, field `xsrf`); the "Sign out" button adds `logout=yes`.
 */
export function renderLogoutPage(form: string): string {
  return layout(
    'Sign out',
    `${form}
<p>Do you want to sign out of Visma Connect?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

/** Shown after signing out when no post_logout_redirect_uri was given. */
export function renderSignedOutPage(): string {
  return layout('Signed out', '<p>You are now signed out of Visma Connect.</p>');
}
