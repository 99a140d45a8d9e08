import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  changedSince,
  parseWebhookEvent,
  type SuperOfficeClient,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  where,
} from '../../src/index.js';
import {
  connectUser,
  NORDLYS,
  RequestCounter,
  rejection,
  sandboxAuth,
  sandboxClient,
  startTestSandbox,
} from './sandbox-fixture.js';

// Each typed resource once against the tenant API lookalike, so client and stand-in agree on the wire.
let sandbox: Sandbox;
let client: SuperOfficeClient;
let counter: RequestCounter;
const ctx = NORDLYS?.ctx ?? '';
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  counter = new RequestCounter();
  const auth = await sandboxAuth(sandbox);
  client = sandboxClient({ auth, connection: await connectUser(sandbox, auth), fetch: counter.fetch });
});

describe('entities', () => {
  it('creates a person from /default + POST and patches only the changed paths', async () => {
    const contact = await client.contacts.create({ Name: 'Fjordkraft Handel AS', OrgNr: '987654321' });
    expect(contact).toMatchObject({ Name: 'Fjordkraft Handel AS', OrgNr: '987654321' });
    expect(counter.count('GET /Cust12345/api/v1/Contact/default')).toBe(1);

    const person = await client.persons.create({
      Firstname: 'Åse',
      Lastname: 'Ødegård',
      Contact: { ContactId: contact.ContactId },
    });
    const result = await client.persons.update(person.PersonId, { Lastname: 'Ødegård-Berg' });
    expect(result.operations).toEqual([{ op: 'replace', path: '/Lastname', value: 'Ødegård-Berg' }]);
    expect((await client.persons.get(person.PersonId)).Lastname).toBe('Ødegård-Berg');
  });

  it('maps a failed JSON Patch test (409) and a stale If-Unmodified-Since (412) to conflict', async () => {
    const contact = await client.contacts.create({ Name: 'Kystbygg AS' });
    const before = await client.contacts.get(contact.ContactId);
    // Someone else renames it in SuperOffice.
    await client.contacts.update(contact.ContactId, { Name: 'Kystbygg Vest AS' });
    const tested = await rejection(
      client.contacts.patch(contact.ContactId, before, { ...before, Department: 'Salg' }, { test: ['Name'] }),
    );
    expect(tested).toMatchObject({ kind: 'conflict', status: 409 });
    const stale = await rejection(
      client.contacts.update(
        contact.ContactId,
        { Department: 'Salg' },
        { ifUnmodifiedSince: new Date(Date.now() - 3_600_000) },
      ),
    );
    expect(stale).toMatchObject({ kind: 'conflict', status: 412 });
  });

  it('a missing record is not_found', async () => {
    expect((await rejection(client.contacts.get(999_999))).kind).toBe('not_found');
  });

  it('lists and foreign keys: a CRM company carries its ERP customer number', async () => {
    expect((await client.lists.business()).length).toBeGreaterThan(0);
    expect(
      (await client.lists.countries()).some(
        (country) => country.Name === 'Norge' || country.Name === 'Norway',
      ),
    ).toBe(true);
    const contact = await client.contacts.create({ Name: 'Lenket AS' });
    const ref = {
      app: 'DataBridge',
      device: 'Visma',
      deviceIdentifier: 'visma',
      keyName: 'CustomerNumber',
      tableName: 'contact',
      recordId: contact.ContactId,
    };
    await client.foreignKeys.set(ref, '10042');
    expect(await client.foreignKeys.getValue(ref)).toBe('10042');
  });
});

describe('archive queries', () => {
  it('pages ordered by the primary key with no record lost or repeated while records are added', async () => {
    const total = sandbox.superOffice.api.data.tenant(ctx).contacts.size;
    const seen: number[] = [];
    let added = 0;
    for await (const page of client.contacts.query({ select: ['contactId', 'name'], pageSize: 7 }).pages()) {
      seen.push(...page.items.map((row) => Number(row.contactId)));
      if (added < 3) {
        added += 1;
        await client.contacts.create({ Name: `Ny bedrift ${added}` });
      }
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total + added);
  });

  it('filters with the dialect and finds what changed since a moment', async () => {
    const since = new Date(Date.now() - 2_000);
    const fresh = await client.contacts.create({ Name: 'Alfa Fersk AS' });
    const begins = await client.contacts
      .query({ select: ['contactId', 'name'], filter: where('name').begins('Alfa Fersk') })
      .toArray({ limit: 10 });
    expect(begins.map((row) => Number(row.contactId))).toEqual([fresh.ContactId]);
    const changed = await client.contacts
      .query({ select: ['contactId'], filter: changedSince(since) })
      .toArray({ limit: 50 });
    expect(changed.map((row) => Number(row.contactId))).toContain(fresh.ContactId);
  });
});

describe('webhooks', () => {
  it('receives a signed contact.created event that verifies against the raw body', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string | undefined,
        });
        response.writeHead(200).end();
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      await client.request({
        method: 'POST',
        path: '/v1/Webhook',
        json: {
          Name: 'databridge',
          Events: ['contact.created'],
          TargetUrl: url,
          Secret: 'hook-secret',
          Type: 'webhook',
          State: 'Active',
        },
      });
      const contact = await client.contacts.create({ Name: 'Varslet AS' });
      await sandbox.superOffice.webhooks.whenIdle();
      const delivery = received.find((item) => item.body.includes('contact.created'));
      expect(delivery).toBeDefined();
      expect(verifyWebhookSignature(delivery?.body ?? '', delivery?.signature ?? '', 'hook-secret')).toBe(
        true,
      );
      expect(verifyWebhookSignature(delivery?.body ?? '', delivery?.signature ?? '', 'wrong-secret')).toBe(
        false,
      );
      expect(parseWebhookEvent(delivery?.body ?? '')).toMatchObject({
        Event: 'contact.created',
        PrimaryKey: contact.ContactId,
      });
    } finally {
      receiver.close();
    }
  });
});
