import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Provider } from 'oidc-provider';
import { readForm, sendHtml } from '../server/http.js';
import type { StepRequest } from './steps.js';

/** Shows the page of the step an interaction is at (`GET /interaction/<uid>`). */
export type ShowStep<D> = (deps: D, step: StepRequest) => Promise<void>;

/** Handles one form post (`POST /interaction/<uid>/<action>`). */
export type SubmitStep<D> = (deps: D, step: StepRequest, form: URLSearchParams) => Promise<void>;

/** What {@link interactionHandler} dispatches to. */
export interface InteractionPages<D> {
  /** Base URL for parsing request paths (only the path is used). */
  readonly base: string;
  /** `GET /interaction/<uid>`. */
  readonly show: ShowStep<D>;
  /** `POST /interaction/<uid>/<action>`, by action. */
  readonly submits: Readonly<Record<string, SubmitStep<D>>>;
  /** The stand-in's error page. */
  readonly renderErrorPage: (out: Record<string, unknown>) => string;
}

/**
 * Handles every request under `/interaction/`: `GET /interaction/<uid>` shows the current step, `POST
 * /interaction/<uid>/<action>` submits one; anything else is a 404 error page. The browser's `_interaction` cookie
 * must belong to `<uid>`; oidc-provider's errors become its error page with their status.
 */
export function interactionHandler<D extends { readonly provider: Provider }>(
  deps: D,
  pages: InteractionPages<D>,
) {
  const route = new RegExp(`^/interaction/([^/]+)(?:/(${Object.keys(pages.submits).join('|')}))?$`);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = route.exec(new URL(request.url ?? '/', pages.base).pathname);
    const action = match?.[2];
    const wantedMethod = action === undefined ? 'GET' : 'POST';
    if (!match || request.method !== wantedMethod) {
      sendHtml(
        response,
        404,
        pages.renderErrorPage({ error: 'not_found', error_description: 'No such page.' }),
      );
      return;
    }
    try {
      const details = await deps.provider.interactionDetails(request, response);
      if (details.uid !== match[1]) throw new errors.SessionNotFound('interaction session id mismatch');
      const step = { request, response, details };
      const submit = action === undefined ? undefined : pages.submits[action];
      if (submit === undefined) await pages.show(deps, step);
      else await submit(deps, step, await readForm(request));
    } catch (error) {
      if (response.headersSent) return;
      const known = error instanceof errors.OIDCProviderError;
      const out = known
        ? { error: error.error, error_description: error.error_description }
        : { error: 'server_error', error_description: 'The sign-in page failed.' };
      sendHtml(response, known ? error.statusCode : 500, pages.renderErrorPage(out));
    }
  };
}
