import { type Browser, callbackParams, interactionUid } from '../../browser/scripted-browser.js';

/** Who signs in, and what they pick, in {@link signInToSuperOffice}. */
export interface SuperOfficeSignIn {
  /** E-mail of a sandbox user (see `SUPEROFFICE_SEED.users`), typed into the login form. */
  readonly email: string;
  /** That user's password; a wrong one makes {@link signInToSuperOffice} throw. */
  readonly password: string;
  /** The tenant (`Cust…`) to pick when the tenant picker is shown (users of several tenants). */
  readonly tenant?: string;
  /** Approve (default) or deny, when an administrator is asked to approve the app. */
  readonly consent?: 'approve' | 'deny';
}

/**
 * Signs in at the SuperID lookalike the way a person would: opens the authorization URL, fills in the login form
 * (unless the browser's session is reused), picks the tenant, approves the app if asked (administrators only),
 * and returns the callback URL the browser was sent to (with `code`, `state` and `iss`, or `error`).
 *
 * The Visma helper (`signInToVisma`) does not fit: the tenant field and path differ (`tenant`, `/tenant`).
 *
 * @throws Error when the login is refused, or the picker is shown without `tenant`.
 */
export async function signInToSuperOffice(
  browser: Browser,
  authorizeUrl: string,
  who: SuperOfficeSignIn,
): Promise<URL> {
  let landing = await browser.open(authorizeUrl);
  for (let step = 0; step < 6 && landing.kind === 'page'; step += 1) {
    const uid = interactionUid(landing);
    if (landing.html.includes('name="password"')) {
      landing = await browser.submit(`/interaction/${uid}/login`, {
        email: who.email,
        password: who.password,
      });
      if (landing.kind === 'page' && landing.html.includes('name="password"') && landing.status === 200) {
        throw new Error(`Sign-in as ${who.email} was refused by the sandbox login page`);
      }
    } else if (landing.html.includes('name="tenant"')) {
      if (!who.tenant) throw new Error(`The tenant picker is shown for ${who.email}: give tenant`);
      landing = await browser.submit(`/interaction/${uid}/tenant`, { tenant: who.tenant });
    } else if (landing.html.includes('name="consent"')) {
      landing = await browser.submit(`/interaction/${uid}/consent`, { consent: who.consent ?? 'approve' });
    } else {
      throw new Error(`Unexpected sign-in page at ${landing.url} (${landing.status})`);
    }
  }
  const params = callbackParams(landing);
  const url = new URL(landing.url);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url;
}
