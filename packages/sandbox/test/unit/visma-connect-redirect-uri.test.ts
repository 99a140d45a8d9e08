import { describe, expect, it } from 'vitest';
import { redirectUriMatches } from '../../src/visma/connect/clients.js';

describe('redirectUriMatches (RFC 8252 §7.3 loopback redirects)', () => {
  it.each([
    ['http://127.0.0.1/callback', 'http://127.0.0.1/callback'],
    ['http://127.0.0.1/callback', 'http://127.0.0.1:53682/callback'],
    ['http://localhost/callback', 'http://localhost:8080/callback'],
    ['http://[::1]/callback', 'http://[::1]:9000/callback'],
    ['https://app.example.com/cb', 'https://app.example.com/cb'],
  ])('accepts %s ← %s', (registered, requested) => {
    expect(redirectUriMatches(registered, requested)).toBe(true);
  });

  it.each([
    ['http://127.0.0.1/callback', 'http://127.0.0.1:53682/other'],
    ['http://127.0.0.1/callback', 'http://localhost:53682/callback'],
    ['http://127.0.0.1/callback', 'http://127.0.0.1:53682/callback?x=1'],
    ['http://127.0.0.1/callback', 'https://127.0.0.1:53682/callback'],
    ['https://app.example.com/cb', 'https://app.example.com:8443/cb'],
    ['http://app.example.com/cb', 'http://app.example.com:8080/cb'],
    ['http://127.0.0.1/callback', 'not a url'],
  ])('refuses %s ← %s', (registered, requested) => {
    expect(redirectUriMatches(registered, requested)).toBe(false);
  });
});
