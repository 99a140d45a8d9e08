import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RateLimitGate } from '../../src/http/rate-limit-gate.js';

const headers = (remaining: number, resetSeconds: number) =>
  new Headers({ 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(resetSeconds) });

describe('RateLimitGate', () => {
  it('sends one probe while the budget is unknown and holds the rest until its headers arrive', async () => {
    const gate = new RateLimitGate();
    const probe = await gate.acquire();
    expect(gate.state.remaining).toBeUndefined();
    let second = false;
    const next = gate.acquire().then((permit) => {
      second = true;
      return permit;
    });
    await sleep(30);
    expect(second).toBe(false); // nothing else goes out before the probe's answer
    probe.settle(headers(10, 60));
    await next;
    expect(second).toBe(true);
    expect(gate.state.remaining).toBe(9); // 10 reported, 1 in flight
  });

  it('lets the next request probe when the probe fails without an answer', async () => {
    const gate = new RateLimitGate();
    const probe = await gate.acquire();
    const next = gate.acquire();
    probe.settle(); // e.g. a network error: still unknown
    await next;
    expect(gate.inFlight).toBe(1);
    expect(gate.state.remaining).toBeUndefined();
  });

  it('counts requests in flight against the reported budget', async () => {
    const gate = new RateLimitGate();
    gate.update(headers(3, 60));
    const permits = [await gate.acquire(), await gate.acquire(), await gate.acquire()];
    expect(gate.state.remaining).toBe(0);
    let fourth = false;
    const next = gate.acquire().then(() => {
      fourth = true;
    });
    // The server counted the first one: 2 left, but two more are in flight and may take them.
    permits[0]?.settle(headers(2, 60));
    await sleep(20);
    expect(fourth).toBe(false);
    permits[1]?.settle(headers(1, 60));
    await sleep(20);
    expect(fourth).toBe(false);
    // An answer of the same window arriving out of order cannot raise the count.
    permits[2]?.settle(headers(5, 60));
    await sleep(20);
    expect(fourth).toBe(true);
    await next;
    expect(gate.state.remaining).toBe(0);
  });

  it('probes again after the window resets, and ignores late answers of the old window', async () => {
    const gate = new RateLimitGate();
    gate.update(headers(5, 0.1));
    const old = await gate.acquire();
    await sleep(120); // the window has reset
    const probe = await gate.acquire();
    expect(gate.state.remaining).toBeUndefined();
    let held = true;
    const next = gate.acquire().then((permit) => {
      held = false;
      return permit;
    });
    old.settle(headers(4, 0.01)); // sent in the old window: says nothing about the new one
    await sleep(20);
    expect(held).toBe(true);
    probe.settle(headers(41, 10));
    await next;
    expect(gate.state.remaining).toBe(40);
  });

  it('never sends while the budget is spent, with many callers and answers out of order', async () => {
    // A fixed-window server like the sandbox's (visma-net.md §4): the window starts with its first request.
    const budget = 20;
    const windowMs = 300;
    let windowStart = Number.NEGATIVE_INFINITY;
    let used = 0;
    let refused = 0;
    let allowed = 0;
    const serve = (): Headers => {
      const now = Date.now();
      if (now - windowStart >= windowMs) {
        windowStart = now;
        used = 0;
      }
      if (used >= budget) refused++;
      else {
        used++;
        allowed++;
      }
      const left = (windowStart + windowMs - now) / 1000;
      return headers(budget - used, left);
    };
    const gate = new RateLimitGate();
    const started = Date.now();
    const worker = async () => {
      while (Date.now() - started < 1_000) {
        const permit = await gate.acquire();
        await sleep(1 + Math.random() * 10); // request latency
        const answer = serve();
        await sleep(Math.random() * 15); // response latency: answers overtake each other
        permit.settle(answer);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(refused).toBe(0);
    // Three full windows and part of a fourth fit in the second: at least the first three are spent in full.
    expect(allowed).toBeGreaterThanOrEqual(3 * budget);
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
