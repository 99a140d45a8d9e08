import { type Browser, driveSignIn } from '../../browser/scripted-browser.js';

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
 * Shares the form-driving loop (`driveSignIn`) with `signInToVisma`; only the tenant field and path differ
 * (`tenant`, `/tenant`).
 *
 * @throws Error when the login is refused, or the picker is shown without `tenant`.
 */
export async function signInToSuperOffice(
  browser: Browser,
  authorizeUrl: string,
  who: SuperOfficeSignIn,
): Promise<URL> {
  return driveSignIn(browser, authorizeUrl, who, [
    {
      field: 'tenant',
      action: 'tenant',
      fields: () => {
        if (!who.tenant) throw new Error(`The tenant picker is shown for ${who.email}: give tenant`);
        return { tenant: who.tenant };
      },
    },
    { field: 'consent', action: 'consent', fields: () => ({ consent: who.consent ?? 'approve' }) },
  ]);
}
