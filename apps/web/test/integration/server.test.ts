import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../src/index.js';

describe('startWebServer', () => {
  let web: WebServer | undefined;
  afterEach(async () => {
    await web?.close();
  });

  it('serves the start page and a health endpoint over HTTP', async () => {
    web = await startWebServer();
    const page = await fetch(web.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>DataBridge</h1>');

    const health = await fetch(`${web.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('answers unknown paths with an escaped 404 and refuses writes', async () => {
    web = await startWebServer();
    const missing = await fetch(`${web.url}/%3Cscript%3E`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<script>');
    expect((await fetch(web.url, { method: 'POST' })).status).toBe(405);
  });
});
