import { describe, expect, it } from 'vitest';
import { RateLimitGate } from '../../src/http/rate-limit-gate.js';

const headers = (remaining: number, resetSeconds: number) =>
  new Headers({ 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetSeconds) });

describe('RateLimitGate', () => {
  it('lets requests through while the budget is unknown', async () => {
    const gate = new RateLimitGate();
    await gate.acquire();
    await gate.acquire();
    expect(gate.state.remaining).toBeUndefined();
  });

  it('reserves one unit per request and waits for the reset when none is left', async () => {
    const gate = new RateLimitGate();
    gate.update(headers(2, 0.3));
    const started = Date.now();
    await gate.acquire();
    await gate.acquire();
    expect(Date.now() - started).toBeLessThan(100);
    expect(gate.state.remaining).toBe(0);
    await gate.acquire(); // budget spent: waits for the window to reset
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('keeps the lowest count when answers of one window arrive out of order', () => {
    const gate = new RateLimitGate();
    gate.update(headers(5, 60));
    gate.update(headers(9, 60));
    expect(gate.state.remaining).toBe(5);
    gate.update(headers(100, 3600)); // a new window
    expect(gate.state.remaining).toBe(100);
  });

  it('blocks every request after a 429 until Retry-After has passed', async () => {
    const gate = new RateLimitGate();
    gate.block(200);
    const started = Date.now();
    await gate.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('stops waiting when aborted', async () => {
    const gate = new RateLimitGate();
    gate.block(10_000);
    await expect(gate.acquire(AbortSignal.timeout(50))).rejects.toThrow();
  });

  it('ignores responses without rate-limit headers', () => {
    const gate = new RateLimitGate();
    gate.update(new Headers());
    expect(gate.state).toEqual({ remaining: undefined, resetAt: 0, blockedUntil: 0 });
  });
});
