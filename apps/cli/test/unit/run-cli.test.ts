import { describe, expect, it } from 'vitest';
import { CLI_VERSION, EXIT_CODES, runCli } from '../../src/index.js';

describe('runCli', () => {
  it('runs the demo in-process and tells the whole Visma story', async () => {
    const lines: string[] = [];
    expect(await runCli(['demo'], { log: (line) => lines.push(line) })).toBe(EXIT_CODES.ok);
    const text = lines.join('\n');
    expect(lines[0]).toBe('DataBridge demo: every step below runs for real, on loopback only.');
    expect(text).toContain('signed in as ada@nordlys.example');
    expect(text).toContain('company Nordlys AS');
    expect(Number(/(\d+) customers in Nordlys AS/.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toContain('VismaError kind permission');
    expect(text).toContain("'API User'");
    expect(text).toContain('VismaError kind reauth_required');
    expect(text).toMatch(
      /reconnected as ada@nordlys\.example to Nordlys AS; customers\.list\(\) works again/,
    );
    expect(text).toContain('Sandbox stopped.');
    expect(lines.at(-1)).toContain('`pnpm test`');
  });

  it('maps usage errors to exit code 2', async () => {
    expect(await runCli(['no-such-command'], { log: () => {} })).toBe(EXIT_CODES.needsAction);
  });

  it('exposes the package version', () => {
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
