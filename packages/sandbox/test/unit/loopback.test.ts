import { describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../src/index.js';

describe('listenOnLoopback', () => {
  it('refuses to bind a routable address', async () => {
    await expect(listenOnLoopback(() => {}, { host: '0.0.0.0' })).rejects.toThrow(
      'The sandbox only listens on loopback (127.0.0.1, localhost, ::1), not on "0.0.0.0"',
    );
  });

  it('refuses an impossible port', async () => {
    await expect(listenOnLoopback(() => {}, { port: 70_000 })).rejects.toThrow(/Invalid sandbox port 70000/);
  });

  it('names the port when it is taken', async () => {
    const first = await listenOnLoopback(() => {});
    try {
      await expect(listenOnLoopback(() => {}, { port: first.port })).rejects.toThrow(
        `Could not listen on 127.0.0.1:${first.port}`,
      );
    } finally {
      await first.close();
    }
  });
});
