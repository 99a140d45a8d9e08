import type { WebhookRouteRequest, WebhookRouteResponse } from '../webhooks/index.js';
import type { SuperOfficePrincipal } from '../world.js';
import type { SoResponse } from './context.js';
import { badRequest } from './errors.js';
import type { JsonValue } from './json.js';

/** The part of the webhook registry the tenant host forwards `/v1/Webhook…` calls to. */
export interface SuperOfficeWebhookRouter {
  /** Answers one call, or `undefined` when the path is not a webhook route (then the host answers 404). */
  route(request: WebhookRouteRequest): Promise<WebhookRouteResponse | undefined>;
}

const WEBHOOK_PATH = /^\/v1\/webhook(?=\/|$)/i;

/**
 * Forwards an authenticated `/v1/Webhook…` call (superoffice.md §18 endpoints) to the registry. Returns
 * `undefined` for other paths and for paths the registry doesn't know.
 * @throws SuperOfficeApiHttpError 400 when the body is not JSON.
 */
export async function forwardWebhookCall(
  webhooks: SuperOfficeWebhookRouter,
  ctx: string,
  method: string,
  path: string,
  rawBody: Buffer,
  principal: SuperOfficePrincipal,
): Promise<SoResponse | undefined> {
  const match = WEBHOOK_PATH.exec(path);
  if (!match) return undefined;
  const text = rawBody.toString('utf8');
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  const subpath = path.slice(match[0].length);
  const answer = await webhooks.route({ ctx, method, subpath, body, associateId: principal.associateId });
  if (!answer) return undefined;
  return { status: answer.status, ...(answer.body === undefined ? {} : { json: answer.body as JsonValue }) };
}
