import { SuperOfficeApiHttpError } from './http-error.js';

/**
 * Builders for the error answers of the tenant API host. Every body uses the shape of superoffice.md §15:
 * `{"Error":true,"ErrorType":"…","ErrorMessage":"…","ErrorSource":"…"}`. The `ErrorType` names other than
 * `SoNotFoundException` (the documented 404 example) are our choice [infer]: upstream documents only the shape.
 */

const SOURCE = 'SuperOffice.Services.Implementation';

/** The §15 error body. */
export interface SuperOfficeErrorBody {
  /** Always `true`. */
  readonly Error: true;
  /** Exception class name, e.g. `SoNotFoundException`. */
  readonly ErrorType: string;
  /** Human-readable message. */
  readonly ErrorMessage: string;
  /** Where the exception came from. */
  readonly ErrorSource: string;
}

/** An error in the §15 shape; `extra` fields are added to the body (e.g. the tenant state on 503). */
export function soError(
  status: number,
  errorType: string,
  message: string,
  options: { headers?: Record<string, string>; extra?: Record<string, unknown>; source?: string } = {},
): SuperOfficeApiHttpError {
  const body: SuperOfficeErrorBody & Record<string, unknown> = {
    Error: true,
    ErrorType: errorType,
    ErrorMessage: message,
    ErrorSource: options.source ?? SOURCE,
    ...options.extra,
  };
  return new SuperOfficeApiHttpError(status, body, options.headers);
}

/** 400 for a malformed request (superoffice.md §15 "400: e.g. missing body"). */
export function badRequest(message: string): SuperOfficeApiHttpError {
  return soError(400, 'SoBadRequestException', message);
}

/** 404 exactly like the §15 example: `Contact id 99999 not found`. */
export function notFound(entity: string, id: string | number): SuperOfficeApiHttpError {
  return soError(404, 'SoNotFoundException', `${entity} id ${id} not found`);
}

/** 404 for a path no route knows. */
export function noRoute(path: string): SuperOfficeApiHttpError {
  return soError(404, 'SoNotFoundException', `No resource matches ${path}`, { source: 'SuperOffice.WebApi' });
}

/** 401: missing, unknown, expired or revoked credentials (superoffice.md §15). */
export function unauthorized(message: string): SuperOfficeApiHttpError {
  return soError(401, 'SoAuthenticationException', message, {
    source: 'SuperOffice.WebApi',
    headers: { 'www-authenticate': 'Bearer, SOTicket' },
  });
}
