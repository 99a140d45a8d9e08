import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails, InteractionResults, Provider } from 'oidc-provider';
import { seeOther, sendHtml } from '../server/http.js';
import type { PendingSignIns } from './pending.js';

/** One request to one interaction, after `interactionDetails` accepted the browser's cookie. */
export interface StepRequest {
  /** The browser's request. */
  readonly request: IncomingMessage;
  /** Where the page or redirect goes. */
  readonly response: ServerResponse;
  /** The interaction, as oidc-provider stored it. */
  readonly details: InteractionDetails;
}

/** What every stand-in's interaction steps work with. */
export interface StepDeps {
  /** The OpenID Provider running the authorization. */
  readonly provider: Provider;
  /** Progress per interaction. */
  readonly pending: PendingSignIns;
}

/** Now, in epoch seconds. */
export const epochSeconds = (): number => Math.floor(Date.now() / 1000);

/** The authorization request's `client_id` (empty when missing). */
export function clientIdOf(details: InteractionDetails): string {
  return typeof details.params.client_id === 'string' ? details.params.client_id : '';
}

/**
 * The account this interaction runs as: the one that logged in during it, or else the browser session's account
 * (when `isKnown` accepts it), unless the provider asks for a login (no session, `prompt=login`, `max_age`).
 */
export function interactionAccount(
  pending: PendingSignIns,
  details: InteractionDetails,
  isKnown: (accountId: string) => boolean,
): string | undefined {
  const signedIn = pending.get(details.uid).accountId;
  if (signedIn !== undefined) return signedIn;
  if (details.prompt.name === 'login') return undefined;
  const sessionAccount = details.session?.accountId;
  return sessionAccount !== undefined && isKnown(sessionAccount) ? sessionAccount : undefined;
}

/** Ends the interaction (forgetting its progress) and sends the browser back to the authorization endpoint. */
export async function finishInteraction(
  deps: StepDeps,
  step: StepRequest,
  result: InteractionResults,
): Promise<void> {
  deps.pending.delete(step.details.uid);
  await deps.provider.interactionFinished(step.request, step.response, result, {
    mergeWithLastSubmission: false,
  });
}

/** The `login` part of an interaction result, when the password was checked in this interaction. */
export function loginResult(accountId: string, loginTs: number | undefined): InteractionResults {
  return loginTs === undefined ? {} : { login: { accountId, ts: loginTs, amr: ['pwd'] } };
}

/** A user who can log in with e-mail and password. */
export interface PasswordUser {
  /** The password to compare with the posted one. */
  readonly password: string;
}

/** How {@link submitLoginForm} checks and answers one login form. */
export interface LoginCheck<U extends PasswordUser> {
  /** The user with this e-mail address, if any. */
  readonly userByEmail: (email: string) => U | undefined;
  /** The account id of a user who logged in. */
  readonly accountIdOf: (user: U) => string;
  /** The login page again, with the typed e-mail and an error. */
  readonly renderLoginPage: (uid: string, options: { email: string; error: string }) => string;
}

/**
 * `POST /interaction/<uid>/login` (`email`, `password`): a wrong password shows the page again (200) with an
 * error; a right one records the login and sends the browser back to `GET /interaction/<uid>` (303).
 */
export async function submitLoginForm<U extends PasswordUser>(
  deps: StepDeps,
  step: StepRequest,
  form: URLSearchParams,
  check: LoginCheck<U>,
): Promise<void> {
  const { uid } = step.details;
  const email = form.get('email') ?? '';
  const user = check.userByEmail(email);
  if (!user || user.password !== (form.get('password') ?? '')) {
    const page = check.renderLoginPage(uid, { email, error: 'The e-mail address or password is incorrect.' });
    sendHtml(step.response, 200, page);
    return;
  }
  deps.pending.set(uid, { accountId: check.accountIdOf(user), loginTs: epochSeconds() });
  seeOther(step.response, `/interaction/${uid}`);
}

/** Remembers the tenant picked on a picker page and sends the browser back to `GET /interaction/<uid>` (303). */
export function rememberPick(deps: StepDeps, step: StepRequest, tenantId: string): void {
  const { uid } = step.details;
  deps.pending.set(uid, { ...deps.pending.get(uid), tenantId });
  seeOther(step.response, `/interaction/${uid}`);
}
