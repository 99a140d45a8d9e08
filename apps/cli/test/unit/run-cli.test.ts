import { describe, expect, it } from 'vitest';
import { CLI_VERSION, EXIT_CODES, runCli } from '../../src/index.js';

describe('runCli', () => {
  it('runs the demo in-process and tells the whole story', async () => {
    const lines: string[] = [];
    expect(await runCli(['demo'], { log: (line) => lines.push(line) })).toBe(EXIT_CODES.ok);
    const text = lines.join('\n');
    expect(lines[0]).toBe('DataBridge demo: every step below runs for real, on loopback only.');
    expect(text).toMatch(/6\. A real sync of "Companies" \.\.\.\n {3}succeeded: (\d+) read, \1 created/);
    expect(text).toMatch(/the run stopped at once: failed: 0 read/);
    expect(text).toContain('error (reauth_required)');
    expect(text).toMatch(/Companies: needs_reauth\n\s+Persons: needs_reauth/);
    expect(text).toMatch(/Visma Nordlys is ok; repaired profiles: Companies, Persons/);
    expect(text).toMatch(
      /10\. The run resumes from its checkpoint \.\.\.\n {3}succeeded: \d+ read, 0 created, 3 updated/,
    );
    expect(text).toMatch(
      /(\d+) SuperOffice companies linked to \1 distinct Visma customers \(\1 found in Visma\): no duplicate/,
    );
    expect(text).toContain('Sandbox stopped');
    expect(lines.at(-1)).toContain('`pnpm test`');
  }, 30_000);

  it('maps usage errors to exit code 2', async () => {
    expect(await runCli(['no-such-command'], { log: () => {} })).toBe(EXIT_CODES.needsAction);
  });

  it('exposes the package version', () => {
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
