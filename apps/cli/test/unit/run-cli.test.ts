import { describe, expect, it } from 'vitest';
import { CLI_VERSION, EXIT_CODES, runCli } from '../../src/index.js';

describe('runCli', () => {
  it('returns 0 for a successful command', async () => {
    const lines: string[] = [];
    expect(await runCli(['demo'], { log: (line) => lines.push(line) })).toBe(EXIT_CODES.ok);
    expect(lines[0]).toBe('DataBridge demo: every step below runs for real, on loopback only.');
    expect(lines.at(-1)).toContain('Sandbox stopped.');
  });

  it('maps usage errors to exit code 2', async () => {
    expect(await runCli(['no-such-command'], { log: () => {} })).toBe(EXIT_CODES.needsAction);
  });

  it('exposes the package version', () => {
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
