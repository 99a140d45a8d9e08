import { describe, expect, it } from 'vitest';
import { windowStarts } from '../src/suites/sync.ts';

describe('sync suite', () => {
  it('rebuilds the fixed windows from the times of allowed requests', () => {
    // A window starts with the first request after the previous one ended (as the sandbox's budget does).
    expect(windowStarts([0, 100, 999, 1000, 1500, 2600, 2700], 1000)).toEqual([0, 1000, 2600]);
    expect(windowStarts([], 1000)).toEqual([]);
  });
});
