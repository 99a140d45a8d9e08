import type { SuperOfficeAuth } from '@databridge/superoffice-client';
import type { VismaAuth } from '@databridge/visma-client';

/**
 * How DataBridge reaches each system: the discovered sign-in settings of the app, and where the API is. One per
 * installation; every connection of that system uses it.
 */
export interface ConnectionSystems {
  /** Visma Connect app and the Visma.net API base (default: the production host). */
  readonly visma?: { readonly auth: VismaAuth; readonly apiBaseUrl?: string | undefined } | undefined;
  /** SuperID app (its issuer also serves the State API). */
  readonly superoffice?: { readonly auth: SuperOfficeAuth } | undefined;
}
