/**
 * The page shell shared by the sign-in pages of the OpenID Provider stand-ins (Visma Connect, SuperID):
 * server-rendered HTML, plain forms, no JavaScript, so a test can drive every page with form posts. Each stand-in
 * supplies its own wording; the form field names and paths are listed in its `interaction/routes.ts`.
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

/** What a stand-in's login page says. */
export interface LoginWording {
  /** Page title (also the `<h1>`). */
  readonly title: string;
  /** The paragraph above the form, as HTML. */
  readonly introHtml: string;
  /** The submit button's text. */
  readonly button: string;
}

/** One radio button of a picker page. */
export interface PickerOption {
  /** The radio button's value. */
  readonly value: string;
  /** Text shown next to it. */
  readonly label: string;
}

/** What a picker page (company, tenant) shows and where it posts. */
export interface PickerForm {
  /** Page title (also the `<h1>`). */
  readonly title: string;
  /** Last path segment the form posts to: `/interaction/<uid>/<action>`. */
  readonly action: string;
  /** Name of the radio buttons. */
  readonly field: string;
  /** The choices; the first is checked. */
  readonly options: readonly PickerOption[];
}

/** What the end-session question says. */
export interface LogoutWording {
  /** Page title (also the `<h1>`). */
  readonly title: string;
  /** The question above the buttons. */
  readonly question: string;
  /** The button that signs out (`logout=yes`). */
  readonly confirm: string;
  /** The button that keeps the session. */
  readonly stay: string;
}

/** The HTML building blocks of one stand-in's sign-in pages. */
export interface PageShell {
  /** A complete page: `<title>` is `<title> - <brand> (sandbox)`, `<h1>` the title, then the body. */
  page(title: string, body: string): string;
  /** The error paragraph (`role="alert"`), or nothing. */
  errorLine(error: string | undefined): string;
  /** The sign-in page: e-mail (optionally pre-filled) and password, posted to `/interaction/<uid>/login`. */
  loginPage(uid: string, wording: LoginWording, options: { email?: string; error?: string }): string;
  /** A page of radio buttons (the first checked) posted to `/interaction/<uid>/<action>`. */
  pickerPage(uid: string, picker: PickerForm, error?: string): string;
  /** The approve/deny form posted to `/interaction/<uid>/consent` (`consent=approve` or `consent=deny`). */
  consentForm(uid: string, approve: string, deny: string): string;
  /** An error page showing oidc-provider's `error` and `error_description`. */
  errorPage(out: Record<string, unknown>): string;
  /** The end-session question around oidc-provider's hidden form (`id="op.logoutForm"`, field `xsrf`). */
  logoutPage(form: string, wording: LogoutWording): string;
}

/** The page shell of a stand-in whose pages are titled `… - <brand> (sandbox)`. */
export function pageShell(brand: string): PageShell {
  const page = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - ${brand} (sandbox)</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
  const errorLine = (error: string | undefined): string =>
    error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`;
  return {
    page,
    errorLine,
    loginPage(uid, wording, options) {
      const email = options.email === undefined ? '' : ` value="${escapeHtml(options.email)}"`;
      return page(
        wording.title,
        `<p>${wording.introHtml}</p>
${errorLine(options.error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>E-mail <input type="email" name="email" autocomplete="username" required${email}></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">${wording.button}</button>
</form>`,
      );
    },
    pickerPage(uid, picker, error) {
      const options = picker.options
        .map(
          (option, index) =>
            `<li><label><input type="radio" name="${picker.field}" value="${escapeHtml(option.value)}"${
              index === 0 ? ' checked' : ''
            }> ${escapeHtml(option.label)}</label></li>`,
        )
        .join('\n');
      return page(
        picker.title,
        `${errorLine(error)}
<form method="post" action="/interaction/${escapeHtml(uid)}/${picker.action}">
<ul>
${options}
</ul>
<button type="submit">Continue</button>
</form>`,
      );
    },
    consentForm(uid, approve, deny) {
      return `<form method="post" action="/interaction/${escapeHtml(uid)}/consent">
<button type="submit" name="consent" value="approve">${approve}</button>
<button type="submit" name="consent" value="deny">${deny}</button>
</form>`;
    },
    errorPage(out) {
      const error = typeof out.error === 'string' ? out.error : 'server_error';
      const description = typeof out.error_description === 'string' ? out.error_description : '';
      return page(
        'Something went wrong',
        `<p class="error" role="alert"><code id="error">${escapeHtml(error)}</code></p>
<p id="error_description">${escapeHtml(description)}</p>`,
      );
    },
    logoutPage(form, wording) {
      return page(
        wording.title,
        `${form}
<p>${wording.question}</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">${wording.confirm}</button>
<button type="submit" form="op.logoutForm">${wording.stay}</button>`,
      );
    },
  };
}
