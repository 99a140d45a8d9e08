import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, healthForErrorKind, isErrorKind, isUsable } from '../../src/index.js';

describe('healthForErrorKind', () => {
  it('turns authentication failures into needs_reauth', () => {
    expect(healthForErrorKind('reauth_required')).toBe('needs_reauth');
    expect(healthForErrorKind('auth_expired')).toBe('needs_reauth');
  });

  it('turns role and tenant failures into needs_permission', () => {
    expect(healthForErrorKind('permission')).toBe('needs_permission');
    expect(healthForErrorKind('tenant')).toBe('needs_permission');
  });

  it('leaves health alone for record-level errors and throttling', () => {
    for (const kind of [
      'rate_limited',
      'validation',
      'not_found',
      'conflict',
      'protocol',
      'unknown',
    ] as const) {
      expect(healthForErrorKind(kind)).toBeUndefined();
    }
  });

  it('covers every kind', () => {
    expect(ERROR_KINDS.map((kind) => [kind, healthForErrorKind(kind) ?? null])).toMatchSnapshot();
  });
});

describe('isErrorKind and isUsable', () => {
  it('recognises kinds read from outside', () => {
    expect(isErrorKind('tenant')).toBe(true);
    expect(isErrorKind('auth')).toBe(false);
    expect(isErrorKind(42)).toBe(false);
  });

  it('blocks runs only when the user must act', () => {
    expect(isUsable('ok')).toBe(true);
    expect(isUsable('expiring')).toBe(true);
    expect(isUsable('unreachable')).toBe(true);
    expect(isUsable('needs_reauth')).toBe(false);
    expect(isUsable('needs_permission')).toBe(false);
  });
});
