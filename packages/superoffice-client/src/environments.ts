/**
 * SuperOffice Online environments and their authentication hosts (superoffice.md §1). The un-numbered hosts are for
 * authentication only; tenant data lives on numbered or `app*` hosts resolved per tenant.
 */
export const SUPEROFFICE_ENVIRONMENTS = {
  /** Development (SOD). */
  sod: 'https://sod.superoffice.com',
  /** Stage. The docs disagree on the host name (`qaonline` vs `stage`), so any issuer URL may be given instead. */
  qaonline: 'https://qaonline.superoffice.com',
  /** Production. */
  online: 'https://online.superoffice.com',
} as const;

/** A named SuperOffice Online environment. */
export type SuperOfficeEnvironment = keyof typeof SUPEROFFICE_ENVIRONMENTS;
