import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// These run the built command as a user would; `pnpm test` builds first.
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function databridge(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...process.env, NO_COLOR: '1', DATABRIDGE_HOME: '/tmp/databridge-cli-test-home' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('databridge (built binary)', () => {
  it('prints its version', async () => {
    expect(await databridge('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help with the commands, exit codes and examples', async () => {
    const { code, stdout } = await databridge('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: databridge [options] [command]');
    expect(stdout).toMatch(/demo\s+run what DataBridge can do/);
    expect(stdout).toMatch(/sandbox \[options\]\s+start the local Visma and SuperOffice stand-ins/);
    expect(stdout).toContain('Exit codes: 0 success');
    expect(stdout).toContain('$ databridge demo');
  });

  it('refuses an unknown flag in one line with exit code 2', async () => {
    const { code, stderr } = await databridge('--frobnicate');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe("error: unknown option '--frobnicate'");
  });

  it('suggests the right command for a typo', async () => {
    const { code, stderr } = await databridge('dmeo');
    expect(code).toBe(2);
    expect(stderr).toContain("error: unknown command 'dmeo'");
    expect(stderr).toContain('(Did you mean demo?)');
  });

  it('names a bad port', async () => {
    const { code, stderr } = await databridge('sandbox', '--port', 'eighty');
    expect(code).toBe(2);
    expect(stderr).toContain("option '-p, --port <port>' argument 'eighty' is invalid");
  });

  it('runs the demo against a real sandbox and says what it did', async () => {
    const { code, stdout } = await databridge('demo');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /sandbox listening at http:\/\/127\.0\.0\.1:\d+; GET \/_sandbox\/health -> 200 ok/,
    );
    expect(stdout).toContain('Visma client bound to company 5f0c3a8e-1b2c-4d5e-8f90-123456789abc');
    expect(stdout).toContain('SuperOffice client bound to tenant Cust12345');
    expect(stdout).toContain(
      'A legacy numeric company id is refused up front: Invalid Visma client options: companyId',
    );
    expect(stdout).toContain('Your DataBridge home would be /tmp/databridge-cli-test-home');
    expect(stdout).toContain('Sandbox stopped.');
  });
});
