import type { VismaTransport } from '../http/transport.js';
import type { ResourceOptions } from './request-options.js';
import type { ResourceContext } from './resource-requests.js';

/** Builds the context every resource class shares; an unknown time zone fails here, not at the first list call. */
export function resourceContext(transport: VismaTransport, options: ResourceOptions = {}): ResourceContext {
  const timeZone = options.timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(
      `timeZone must be an IANA time zone such as 'Europe/Oslo', got ${JSON.stringify(timeZone)}`,
    );
  }
  return { transport, timeZone };
}
