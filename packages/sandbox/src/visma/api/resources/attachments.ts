import { randomUUID } from 'node:crypto';
import type { ApiRequestContext, ApiResponse } from '../context.js';
import type { AttachmentDto } from '../dtos.js';
import { validationError } from '../errors.js';
import type { Route } from '../router.js';
import { checkIfMatch, recordNotFound } from '../writes.js';
import { findInvoiceRow } from './customer-invoices.js';

/**
 * visma-net.md §7.6 Attachments: `POST /v1/customerinvoice/{invoiceNumber}/attachment` as multipart/form-data, part
 * `file` required, optional `metadata` JSON part; 201 with `AttachmentDto {name,id,revision}`; "If the file already
 * exists, a new revision is created". `GET /v1/attachment/{id}` streams the latest revision.
 */

async function readForm(context: ApiRequestContext): Promise<FormData> {
  const contentType = context.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw validationError(
      `Attachments must be sent as multipart/form-data, not '${contentType || 'nothing'}'.`,
    );
  }
  try {
    // Parse with the web Request API (undici), as the brief asks; the body is already buffered.
    return await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(context.rawBody),
    }).formData();
  } catch (error) {
    throw validationError(`The multipart body could not be read: ${(error as Error).message}`);
  }
}

async function upload(context: ApiRequestContext): Promise<ApiResponse> {
  const row = findInvoiceRow(context);
  // visma-net.md §5.4: If-Match applies to attachments too.
  checkIfMatch(context, row.record.timeStamp);
  const form = await readForm(context);
  // The part name may be lenient in reality (ON-IT used `v`; UNCERTAIN, §7.6); we require `file` as documented.
  const file = form.get('file');
  if (!(file instanceof File))
    throw validationError("The multipart part 'file' is required and must be a file.");
  const rawMetadata = form.get('metadata');
  let metadata: unknown;
  if (typeof rawMetadata === 'string' && rawMetadata.trim() !== '') {
    try {
      metadata = JSON.parse(rawMetadata);
    } catch {
      throw validationError(
        'The multipart part \'metadata\' must be JSON, e.g. {"includeAttachmentInvoiceEmail":true}.',
      );
    }
  }
  const name = file.name || 'attachment';
  const content = Buffer.from(await file.arrayBuffer());
  const revision = {
    content,
    contentType: file.type || 'application/octet-stream',
    ...(metadata === undefined ? {} : { metadata }),
  };
  const invoice = row.record;
  const { attachments } = context.company;
  const existing = invoice.attachments.find((a) => a.name === name);
  let dto: AttachmentDto;
  if (existing) {
    attachments.get(existing.id)?.revisions.push(revision);
    existing.revision++;
    dto = { ...existing };
  } else {
    const id = randomUUID();
    attachments.set(id, { id, name, invoiceNumber: invoice.referenceNumber, revisions: [revision] });
    dto = { name, id, revision: 1 };
    invoice.attachments.push({ ...dto });
  }
  // Whether an upload changes the document's lastModifiedDateTime/timeStamp is not documented; we leave them [infer].
  return { status: 201, json: dto, headers: { location: `${context.baseUrl}/attachment/${dto.id}` } };
}

function download(context: ApiRequestContext): ApiResponse {
  const id = context.params.attachmentId ?? '';
  const attachment = context.company.attachments.get(id) ?? recordNotFound('Attachment', id);
  const latest = attachment.revisions.at(-1);
  if (!latest) return recordNotFound('Attachment', id);
  return {
    status: 200,
    body: latest.content,
    contentType: latest.contentType,
    headers: { 'content-disposition': `attachment; filename="${attachment.name.replaceAll('"', '')}"` },
  };
}

/** Attachment routes. */
export const attachmentRoutes = [
  { method: 'POST', pattern: '/v1/customerinvoice/:invoiceNumber/attachment', handler: upload },
  { method: 'GET', pattern: '/v1/attachment/:attachmentId', handler: download },
] as const satisfies readonly Route[];
