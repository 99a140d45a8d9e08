import type { VismaResponse, VismaTransport } from '../../http/transport.js';
import { parseResponse, type ResponseOrigin } from '../parse-response.js';
import { encodePathSegment } from '../path-segment.js';
import type { ResourceOptions, WriteOptions } from '../request-options.js';
import { resourceContext } from '../resource-context.js';
import { ifMatchHeaders, type ResourceContext } from '../resource-requests.js';
import { readCreateResult } from '../results.js';
import { type Attachment, attachmentSchema } from './attachment-schema.js';

/** A file to attach. */
export interface AttachmentUpload {
  /** The file's bytes. */
  readonly content: Blob | Uint8Array<ArrayBuffer> | ArrayBuffer;
  /** The file name Visma.net shows, e.g. `order-4711.pdf`. Uploading the same name again adds a revision (§7.6). */
  readonly fileName: string;
  /** MIME type; defaults to the Blob's type, else `application/octet-stream`. */
  readonly contentType?: string | undefined;
  /** Sent as the optional `metadata` part, e.g. `{ includeAttachmentInvoiceEmail: true }` (§7.6). */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Attachments (visma-net.md §7.6): multipart uploads with a required `file` part and an optional `metadata` JSON part.
 *
 * @example
 * ```ts
 * const pdf = await readFile('order-4711.pdf');
 * const attachment = await client.attachments.uploadToCustomerInvoice('100042', {
 *   content: new Uint8Array(pdf), fileName: 'order-4711.pdf', contentType: 'application/pdf',
 *   metadata: { includeAttachmentInvoiceEmail: true },
 * });
 * ```
 */
export class AttachmentsResource {
  readonly #context: ResourceContext;

  /** @param transport - sends the requests. */
  constructor(transport: VismaTransport, options: ResourceOptions = {}) {
    this.#context = resourceContext(transport, options);
  }

  /**
   * Attaches a file to a customer invoice (`POST /customerinvoice/{invoiceNumber}/attachment`). `ifMatch` guards it
   * with the invoice's ETag (§5.4).
   */
  async uploadToCustomerInvoice(
    invoiceNumber: string,
    upload: AttachmentUpload,
    options: WriteOptions = {},
  ): Promise<Attachment> {
    const path = `/customerinvoice/${encodePathSegment(invoiceNumber, 'invoice number')}/attachment`;
    const response = await this.#context.transport.send({
      method: 'POST',
      path,
      form: attachmentForm(upload),
      headers: ifMatchHeaders(options),
      signal: options.signal,
    });
    return readAttachment(response, upload, { request: `POST ${path}`, status: response.status });
  }
}

function attachmentForm(upload: AttachmentUpload): FormData {
  const { content, contentType } = upload;
  const type =
    contentType ?? (content instanceof Blob && content.type ? content.type : 'application/octet-stream');
  const file = content instanceof Blob && contentType === undefined ? content : new Blob([content], { type });
  const form = new FormData();
  form.append('file', file, upload.fileName);
  // Sent as a text part holding JSON; whether the server also accepts an application/json part is UNCERTAIN.
  if (upload.metadata !== undefined) form.append('metadata', JSON.stringify(upload.metadata));
  return form;
}

/** The documented answer is an AttachmentDto; with an empty 201 body, fall back to the id in `Location`. */
function readAttachment(
  response: VismaResponse,
  upload: AttachmentUpload,
  origin: ResponseOrigin,
): Attachment {
  if (response.body !== undefined && response.body !== null && response.body !== '') {
    return parseResponse(attachmentSchema, response.body, origin);
  }
  const { id } = readCreateResult(response, origin);
  return { id, name: upload.fileName };
}
