import { describe, expect, it } from 'vitest';
import { formatFigures, formatReport, measure, ratios, type Suite } from '../src/harness.ts';

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

  it('formats the figures of a scenario suite with PASS/FAIL per goal', () => {
    const scenario = { name: 'demo', description: 'a scenario', run: async () => [] };
    expect(
      formatFigures(scenario, [
        { label: 'throughput', value: '1,234 records/s' },
        { label: 'peak RSS', value: '150.0 MB', goal: '<= 200 MB', met: true },
        { label: 'refused', value: '3', goal: '0', met: false },
      ]),
    ).toEqual([
      '# demo: a scenario',
      '  throughput  1,234 records/s',
      '  peak RSS           150.0 MB  (goal <= 200 MB: PASS)',
      '  refused                   3  (goal 0: FAIL)',
    ]);
  });
});
