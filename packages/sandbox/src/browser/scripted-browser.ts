import { createHash, randomBytes } from 'node:crypto';

/**
 * A tiny headless browser for driving the sandbox sign-in pages over real HTTP: a cookie jar (name + path),
 * manual redirects, and auto-submitting forms (oidc-provider's form_post and logout-confirm pages). It stops as
 * soon as the browser would leave the issuer, i.e. reach the client's redirect_uri.
 */

/** One stored cookie. */
interface Cookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

/** Cookies by name and path; enough for one loopback host. */
export class CookieJar {
  readonly #cookies = new Map<string, Cookie>();

  /** Stores the response's Set-Cookie headers (deleting cookies that expire). */
  store(response: Response, requestUrl: string): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      let path = new URL(requestUrl).pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = attributeValue;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  /** The Cookie header for a request to this URL. */
  header(url: string): string {
    const { pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter(({ path }) => pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }

  /** Names of the cookies held. */
  names(): string[] {
    return [...this.#cookies.values()].map(({ name }) => name);
  }
}

/** Where a navigation ended. */
export type Landing =
  | {
      /** A page on the issuer that did not auto-submit: a login, company-picker, consent or error page. */
      readonly kind: 'page';
      /** Absolute URL of the page. */
      readonly url: string;
      /** HTTP status of the page (200 for forms, 4xx for error pages). */
      readonly status: number;
      /** The page's HTML, for finding the form fields to submit next. */
      readonly html: string;
    }
  | {
      /** The browser left the issuer: this is the redirect to the app's callback, which is not fetched. */
      readonly kind: 'callback';
      /** The callback URL without query or fragment (origin and path). */
      readonly url: string;
      /** `POST` for `response_mode=form_post`, else `GET`. */
      readonly method: 'GET' | 'POST';
      /** Callback parameters (`code`, `state` or `error`) from the form, query or fragment. */
      readonly params: URLSearchParams;
    };

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Undoes the HTML escaping of attribute values. */
function decodeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The first form of an auto-submitting page (`document.forms[0].submit()`), if the page is one. */
function autoSubmitForm(html: string): { action: string; fields: URLSearchParams } | undefined {
  if (!html.includes('document.forms[0].submit()')) return undefined;
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) return undefined;
  const fields = new URLSearchParams();
  for (const [, name = '', value = ''] of html.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g,
  )) {
    fields.append(decodeHtml(name), decodeHtml(value));
  }
  return { action: decodeHtml(action), fields };
}

/** A browser with its own cookie jar, confined to one issuer. */
export class Browser {
  /** Cookies set by the issuer; they carry the Visma Connect session, so a second sign-in may skip the login form. */
  readonly jar = new CookieJar();
  readonly #issuer: string;

  constructor(issuer: string) {
    this.#issuer = issuer;
  }

  /** Opens a URL (GET) and follows redirects and auto-submitting forms. */
  open(url: string): Promise<Landing> {
    return this.#navigate(url, undefined);
  }

  /** Posts a form (as a click on its submit button would) and follows what comes back. */
  submit(path: string, fields: Record<string, string>): Promise<Landing> {
    return this.#navigate(new URL(path, this.#issuer).href, new URLSearchParams(fields));
  }

  async #navigate(startUrl: string, startForm: URLSearchParams | undefined): Promise<Landing> {
    let url = startUrl;
    let form = startForm;
    for (let hop = 0; hop < 20; hop += 1) {
      if (!url.startsWith(this.#issuer)) {
        const target = new URL(url);
        const method = form === undefined ? 'GET' : 'POST';
        const fromUrl = target.hash === '' ? target.searchParams : new URLSearchParams(target.hash.slice(1));
        return {
          kind: 'callback',
          url: `${target.origin}${target.pathname}`,
          method,
          params: form ?? fromUrl,
        };
      }
      const response = await fetch(url, {
        method: form === undefined ? 'GET' : 'POST',
        redirect: 'manual',
        headers: {
          cookie: this.jar.header(url),
          ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(form === undefined ? {} : { body: form.toString() }),
      });
      this.jar.store(response, url);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.arrayBuffer();
        url = new URL(location, url).href;
        form = undefined;
        continue;
      }
      const html = await response.text();
      const auto = autoSubmitForm(html);
      if (auto === undefined) return { kind: 'page', url, status: response.status, html };
      url = new URL(auto.action, url).href;
      form = auto.fields;
    }
    throw new Error(`Too many redirects from ${startUrl}`);
  }
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair(): {
  /** Random 32-byte verifier, base64url: send it with the code exchange. */
  verifier: string;
  /** base64url SHA-256 of the verifier: send it as `code_challenge` with `code_challenge_method=S256`. */
  challenge: string;
} {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The interaction uid of a sign-in page URL (`/interaction/<uid>`). */
export function interactionUid(landing: Landing): string {
  const uid = /\/interaction\/([^/?]+)/.exec(landing.url)?.[1];
  if (uid === undefined) throw new Error(`Not an interaction page: ${landing.url}`);
  return uid;
}

/** Asserts the landing is the client callback and returns its parameters. */
export function callbackParams(landing: Landing): URLSearchParams {
  if (landing.kind !== 'callback') {
    throw new Error(`Expected the client callback, got a page at ${landing.url} (${landing.status})`);
  }
  return landing.params;
}

/** Asserts the landing is an issuer page and returns its HTML. */
export function pageHtml(landing: Landing): string {
  if (landing.kind !== 'page') throw new Error(`Expected a page, got the callback ${landing.url}`);
  return landing.html;
}

/** One form of a sign-in flow after the login form: recognised by a field name, posted to its own path. */
export interface SignInFormStep {
  /** The page shows this form when its HTML has an input or button with `name="<field>"`. */
  readonly field: string;
  /** Last path segment the form posts to: `/interaction/<uid>/<action>`. */
  readonly action: string;
  /** The fields to post; may throw when the caller did not say what to pick. */
  readonly fields: () => Record<string, string>;
}

/**
 * Drives the sign-in pages of a sandbox OpenID Provider the way a person would: opens the authorization URL, fills
 * in the login form (`email`, `password`, posted to `/interaction/<uid>/login`) whenever it is shown, answers each
 * other page with the first of `steps` whose field it shows, and returns the callback URL the browser was sent to
 * (with the callback parameters in its query).
 *
 * @throws Error when the login is refused, or a page matches no step.
 */
export async function driveSignIn(
  browser: Browser,
  authorizeUrl: string,
  login: { readonly email: string; readonly password: string },
  steps: readonly SignInFormStep[],
): Promise<URL> {
  let landing = await browser.open(authorizeUrl);
  for (let step = 0; step < 6 && landing.kind === 'page'; step += 1) {
    const uid = interactionUid(landing);
    const html = landing.html;
    const form = steps.find((candidate) => html.includes(`name="${candidate.field}"`));
    if (html.includes('name="password"')) {
      landing = await browser.submit(`/interaction/${uid}/login`, {
        email: login.email,
        password: login.password,
      });
      if (landing.kind === 'page' && landing.html.includes('name="password"') && landing.status === 200) {
        throw new Error(`Sign-in as ${login.email} was refused by the sandbox login page`);
      }
    } else if (form !== undefined) {
      landing = await browser.submit(`/interaction/${uid}/${form.action}`, form.fields());
    } else {
      throw new Error(`Unexpected sign-in page at ${landing.url} (${landing.status})`);
    }
  }
  const params = callbackParams(landing);
  const url = new URL(landing.url);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url;
}

/** Who signs in, and what they pick, in {@link signInToVisma}. */
export interface VismaSignIn {
  /** E-mail of a sandbox user (see `VISMA_SEED.users`), typed into the login form. */
  readonly email: string;
  /** That user's password; a wrong one makes {@link signInToVisma} throw. */
  readonly password: string;
  /** The company to pick when the picker is shown (users with API User on several companies). */
  readonly tenantId?: string;
  /** Approve (default) or deny consent. */
  readonly consent?: 'approve' | 'deny';
}

/**
 * Signs in at the Visma Connect lookalike the way a person would: opens the authorization URL, fills in the login
 * form (unless the browser's session is reused), picks the company, answers consent, and returns the callback URL
 * the browser was sent to (with `code` and `state`, or `error`). Used by tests, the CLI and the demo.
 */
export async function signInToVisma(browser: Browser, authorizeUrl: string, who: VismaSignIn): Promise<URL> {
  return driveSignIn(browser, authorizeUrl, who, [
    {
      field: 'tenant_id',
      action: 'company',
      fields: () => {
        if (!who.tenantId) throw new Error(`The company picker is shown for ${who.email}: give tenantId`);
        return { tenant_id: who.tenantId };
      },
    },
    { field: 'consent', action: 'consent', fields: () => ({ consent: who.consent ?? 'approve' }) },
  ]);
}
