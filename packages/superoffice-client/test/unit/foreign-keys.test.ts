import { describe, expect, it } from 'vitest';
import { SuperOfficeError } from '../../src/errors/superoffice-error.js';
import type { SuperOfficeRequest, SuperOfficeTransport } from '../../src/http/transport.js';
import { createResources, type ForeignKeyRef } from '../../src/resources/index.js';

type Reply = unknown | SuperOfficeError;

function fake(replies: Reply[]) {
  const requests: SuperOfficeRequest[] = [];
  const transport: SuperOfficeTransport = {
    async send(request) {
      requests.push(request);
      const reply = replies.shift();
      if (reply instanceof SuperOfficeError) throw reply;
      return { status: 200, headers: new Headers(), body: reply };
    },
  };
  return { requests, foreignKeys: createResources(transport).foreignKeys };
}

const ref: ForeignKeyRef = {
  app: 'erp',
  device: 'erp',
  deviceIdentifier: 'company 1',
  keyName: 'erp-id',
  tableName: 'contact',
  recordId: 5,
};
const base = '/v1/ForeignApp/erp/erp/company%201/Key';
const notFound = new SuperOfficeError({
  kind: 'not_found',
  message: 'nope',
  remedy: '-',
  retryable: false,
  status: 404,
});

describe('foreign keys (§19)', () => {
  it('gets a key and its value by key name, table and record', async () => {
    const { requests, foreignKeys } = fake([
      { Key: 'erp-id', Value: '10000', RecordId: 5, TableName: 'contact' },
      '10000',
    ]);
    expect(await foreignKeys.get(ref)).toMatchObject({ Value: '10000', RecordId: 5 });
    expect(await foreignKeys.getValue(ref)).toBe('10000');
    expect(requests.map((request) => request.path)).toStrictEqual([
      `${base}/erp-id/contact/5`,
      `${base}/erp-id/contact/5/Value`,
    ]);
  });

  it('returns undefined for a missing key (404 or empty)', async () => {
    const { foreignKeys } = fake([notFound, null]);
    expect(await foreignKeys.get(ref)).toBeUndefined();
    expect(await foreignKeys.getValue(ref)).toBeUndefined();
  });

  it('sets a key with a ForeignKey carrier', async () => {
    const { requests, foreignKeys } = fake([{ Key: 'erp-id', Value: '10000', RecordId: 5 }]);
    await foreignKeys.set(ref, '10000');
    expect(requests[0]).toMatchObject({
      method: 'PUT',
      path: base,
      json: { Key: 'erp-id', Value: '10000', TableName: 'contact', RecordId: 5 },
    });
  });

  it('refuses values over 239 characters', async () => {
    const { requests, foreignKeys } = fake([]);
    await expect(foreignKeys.set(ref, 'x'.repeat(240))).rejects.toThrow('at most 239 characters');
    expect(requests).toHaveLength(0);
  });

  it('finds records by value and reads all keys of a record', async () => {
    const { requests, foreignKeys } = fake([
      [{ Key: 'erp-id', Value: '10000', RecordId: 5 }],
      { 'erp.erp.erp-id': '10000' },
    ]);
    const found = await foreignKeys.find(ref, '10000');
    expect(found.map((key) => key.RecordId)).toStrictEqual([5]);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: base,
      query: { keyName: 'erp-id', keyValue: '10000', tableName: 'contact' },
    });
    expect(await foreignKeys.forRecord('Contact', 5)).toStrictEqual({ 'erp.erp.erp-id': '10000' });
    expect(requests[1]?.path).toBe('/v1/Contact/5/ForeignKey');
  });

  it('deletes a key; other errors propagate', async () => {
    const failure = new SuperOfficeError({
      kind: 'permission',
      message: 'no',
      remedy: '-',
      retryable: false,
      status: 403,
    });
    const { requests, foreignKeys } = fake([undefined, failure]);
    await foreignKeys.delete(ref);
    expect(requests[0]).toMatchObject({ method: 'DELETE', path: `${base}/erp-id/contact/5` });
    await expect(foreignKeys.get(ref)).rejects.toBe(failure);
  });
});
