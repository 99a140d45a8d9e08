import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';

describe('startSandbox', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('answers its health check over real HTTP on loopback', async () => {
    sandbox = await startSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    sandbox = await startSandbox();
    const response = await fetch(`${sandbox.url}/nope`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'No sandbox route for POST /nope' });
  });

  it('frees its port on close, and close can be called twice', async () => {
    sandbox = await startSandbox();
    const { url } = sandbox;
    await sandbox.close();
    await sandbox.close();
    await expect(fetch(`${url}/_sandbox/health`)).rejects.toThrow();
    sandbox = undefined;
  });
});
