import type {
  ContactDto,
  CountryDto,
  CreditTermDto,
  CustomerClassDto,
  CustomerDto,
  CustomerInvoiceDto,
  IdDescriptionDto,
  SupplierDto,
} from './dtos.js';
import { RecordTable, rowVersion } from './record-table.js';

/** A number series (visma-net.md §5.2 "Manual customer/supplier numbers"). */
export interface NumberSeries {
  /** The number the next automatic create gets. */
  next: number;
  /**
   * Whether the series has "Allow manual number series with Import": only then does `overrideNumberSeries:{value:true}`
   * with a `number` work. Default `true`.
   */
  allowManual: boolean;
}

/** One revision of an uploaded file (visma-net.md §7.6). */
export interface AttachmentRevision {
  /** The uploaded bytes, as streamed back by `GET /v1/attachment/{id}`. */
  readonly content: Buffer;
  /** MIME type of the `file` part (`application/octet-stream` when none was given). */
  readonly contentType: string;
  /** Parsed JSON of the optional `metadata` part, e.g. `{"includeAttachmentInvoiceEmail":true}`; absent when not sent. */
  readonly metadata?: unknown;
}

/** An uploaded attachment with all its revisions. */
export interface StoredAttachment {
  /** Attachment id (a UUID), as in `AttachmentDto.id` and `/v1/attachment/{id}`. */
  readonly id: string;
  /** File name; uploading the same name to the same invoice adds a revision instead of a new attachment. */
  readonly name: string;
  /** The invoice it hangs on. */
  readonly invoiceNumber: string;
  /** Every upload in order; the last one is the current revision. */
  readonly revisions: AttachmentRevision[];
}

/** Countries the lookalike knows for `countryId` (unknown ids are refused with 400). */
export const COUNTRIES: ReadonlyMap<string, CountryDto> = new Map(
  [
    ['NO', 'Norway'],
    ['SE', 'Sweden'],
    ['DK', 'Denmark'],
    ['FI', 'Finland'],
    ['DE', 'Germany'],
    ['GB', 'United Kingdom'],
    ['US', 'United States'],
  ].map(([id, name]) => [id as string, { id: id as string, name: name as string }]),
);

/**
 * The records of one company, for assertions and for staging stories (`modify` a customer as if edited in Visma).
 * Created lazily by `data.company(tenantId)` and dropped by `world.reset()`.
 */
export class VismaCompanyData {
  /** The Company tenant id. */
  readonly tenantId: string;
  /** Customers by `number` (and `getByInternalId`), in `internalId` order. */
  readonly customers: RecordTable<CustomerDto>;
  /** Contacts by `contactId` (as a string), in `contactId` order. */
  readonly contacts: RecordTable<ContactDto>;
  /** Customer invoices by `referenceNumber`, in creation order. */
  readonly invoices: RecordTable<CustomerInvoiceDto>;
  /** Suppliers by `number` (and `getByInternalId`), in `internalId` order. */
  readonly suppliers: RecordTable<SupplierDto>;
  /** Customer classes (`GET /v1/customer/customerClass`). */
  readonly customerClasses: CustomerClassDto[] = [];
  /** Supplier classes, referenced by `supplierClassId`. */
  readonly supplierClasses: IdDescriptionDto[] = [];
  /** Credit terms (`GET /v1/creditterm`, BasePaginationDto). */
  readonly creditTerms: CreditTermDto[] = [];
  /** Uploaded attachments by id. */
  readonly attachments = new Map<string, StoredAttachment>();
  /** Number series; change `allowManual` to test the manual-number refusal. */
  readonly numbering: {
    /** Customer numbers (from 10001; manual numbers allowed). */
    customer: NumberSeries;
    /** Supplier numbers (from 50001; manual numbers allowed). */
    supplier: NumberSeries;
    /** Invoice reference numbers (from 100001; manual numbers refused). */
    invoice: NumberSeries;
  };
  #rowVersion = 0x0000_0000_0001_0000;
  #nextInternalId = 1;
  #nextContactId = 1;
  #nextAddressId = 1;

  /** @internal Use `data.company(tenantId)`. */
  constructor(tenantId: string) {
    this.tenantId = tenantId;
    const stamp = () => this.nextTimeStamp();
    this.customers = new RecordTable<CustomerDto>(
      (c) => c.number,
      (c) => c.internalId,
      stamp,
    );
    this.contacts = new RecordTable<ContactDto>((c) => String(c.contactId), undefined, stamp);
    this.invoices = new RecordTable<CustomerInvoiceDto>((i) => i.referenceNumber, undefined, stamp);
    this.suppliers = new RecordTable<SupplierDto>(
      (s) => s.number,
      (s) => s.internalId,
      stamp,
    );
    this.numbering = {
      customer: { next: 10001, allowManual: true },
      supplier: { next: 50001, allowManual: true },
      invoice: { next: 100001, allowManual: false },
    };
  }

  /** @internal A fresh `timeStamp` (rowversion-like, increasing per company). */
  nextTimeStamp(): string {
    return rowVersion(++this.#rowVersion);
  }

  /** @internal A fresh `internalId` (shared by customers and suppliers, like BAccount ids in the ERP [infer]). */
  nextInternalId(): number {
    return this.#nextInternalId++;
  }

  /** @internal A fresh contact id (also used for embedded `mainContact.contactId`). */
  nextContactId(): number {
    return this.#nextContactId++;
  }

  /** @internal A fresh address id. */
  nextAddressId(): number {
    return this.#nextAddressId++;
  }

  /** The customer class with this id, if any. */
  customerClass(id: string): CustomerClassDto | undefined {
    return this.customerClasses.find((c) => c.id.toLowerCase() === id.toLowerCase());
  }

  /** The credit terms with this id, if any. */
  creditTerm(id: string): CreditTermDto | undefined {
    return this.creditTerms.find((c) => c.id.toLowerCase() === id.toLowerCase());
  }
}
