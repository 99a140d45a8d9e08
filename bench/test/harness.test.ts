import { describe, expect, it } from 'vitest';
import { formatReport, measure, ratios, type Suite } from '../src/harness.ts';

const suite: Suite = {
  name: 'demo',
  description: 'a subject against one peer',
  subject: { name: 'fast', fn: () => 1 + 1 },
  peers: [{ name: 'slow', fn: () => JSON.parse(JSON.stringify({ a: [1, 2, 3] })) }],
  goals: [{ peer: 'slow', minRatio: 2 }],
};

describe('bench harness', () => {
  it('computes ratios of the subject to each peer and checks goals', () => {
    const subject = { name: 'fast', opsPerSecond: 300, samples: 10 };
    expect(ratios(subject, [{ name: 'slow', opsPerSecond: 100, samples: 10 }], suite.goals)).toEqual([
      { peer: 'slow', ratio: 3, goal: 2, met: true },
    ]);
    expect(ratios(subject, [{ name: 'other', opsPerSecond: 600, samples: 10 }])).toEqual([
      { peer: 'other', ratio: 0.5 },
    ]);
  });

  it('formats a readable report', () => {
    const lines = formatReport(
      suite,
      [
        { name: 'fast', opsPerSecond: 1_500_000, samples: 7 },
        { name: 'slow', opsPerSecond: 500_000, samples: 5 },
      ],
      [{ peer: 'slow', ratio: 3, goal: 2, met: true }],
    );
    expect(lines).toEqual([
      '# demo: a subject against one peer',
      '  fast       1,500,000 ops/s  (7 samples)',
      '  slow         500,000 ops/s  (5 samples)',
      '  fast / slow: 3.00x (goal >= 2x: met)',
    ]);
  });

  it('measures real throughput with tinybench', async () => {
    const measurements = await measure(suite, { timeMs: 20 });
    expect(measurements.map((measurement) => measurement.name)).toEqual(['fast', 'slow']);
    for (const measurement of measurements) expect(measurement.opsPerSecond).toBeGreaterThan(0);
  });
});
