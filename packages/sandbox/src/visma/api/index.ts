export type { ApiPrincipal } from './auth.js';
export { API_AUDIENCE } from './auth.js';
export type { AttachmentRevision, NumberSeries, StoredAttachment } from './company-data.js';
export { VismaCompanyData } from './company-data.js';
export { VismaApiData } from './data.js';
export type {
  AddressDto,
  AttachmentDto,
  ContactDto,
  ContactInfoDto,
  CountryDto,
  CreditTermDto,
  CustomerClassDto,
  CustomerDto,
  CustomerInvoiceDto,
  CustomerStatus,
  IdDescriptionDto,
  InvoiceLineDto,
  SupplierDto,
} from './dtos.js';
export type {
  FailNextAction,
  FailNextFilter,
  FaultCounters,
  FaultSettings,
  InjectableStatus,
} from './faults.js';
export { VismaApiFaults } from './faults.js';
export type { BasePaginationDto } from './paging.js';
export type { RateLimitCounters, RateLimitStatus } from './rate-limit.js';
export { RATE_LIMIT_POLICY, VismaApiRateLimits } from './rate-limit.js';
export type { TimestampedDto } from './record-table.js';
export { RecordTable } from './record-table.js';
export { startVismaApi, type VismaApiOptions, type VismaApiServer } from './start-visma-api.js';
