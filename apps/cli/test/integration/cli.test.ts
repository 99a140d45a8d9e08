import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
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
    expect(stdout).toMatch(/demo\s+run the whole story/);
    expect(stdout).toMatch(/--home <dir>\s+the DataBridge home/);
    expect(stdout).toMatch(/sandbox \[options\]\s+start the local Visma and SuperOffice\s+stand-ins/);
    expect(stdout).toContain('Exit codes: 0 success');
    expect(stdout).toContain('$ databridge demo');
  });

  it('refuses an unknown flag in one line with exit code 2', async () => {
    const { code, stderr } = await databridge('--frobnicate');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe("databridge: unknown option '--frobnicate'");
  });

  it('suggests the right command for a typo', async () => {
    const { code, stderr } = await databridge('dmeo');
    expect(code).toBe(2);
    expect(stderr).toContain("databridge: unknown command 'dmeo'");
    expect(stderr).toContain('(Did you mean demo?)');
  });

  it('names a bad port', async () => {
    const { code, stderr } = await databridge('sandbox', '--port', 'eighty');
    expect(code).toBe(2);
    expect(stderr).toContain("option '-p, --port <port>' argument 'eighty' is invalid");
  });

  it('runs the demo against a real sandbox and says what it did', async () => {
    const { code, stdout, stderr } = await databridge('demo');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Visma Connect http:\/\/127\.0\.0\.1:\d+, Visma\.net API http:\/\/127\.0\.0\.1:\d+\/v1\n/,
    );
    expect(stdout).toContain('connection "Visma Nordlys" stored sealed; live check');
    expect(stdout).toMatch(/A real sync of "Companies" \.\.\.\n {3}succeeded: (\d+) read, \1 created/);
    expect(stdout).toContain('error (reauth_required)');
    expect(stdout).toMatch(/remedy: .*reconnect it/);
    expect(stdout).toMatch(/Companies: needs_reauth\n\s+Persons: needs_reauth/);
    expect(stdout).toContain('repaired profiles: Companies, Persons');
    expect(stdout).toMatch(/no duplicate\n/);
    expect(stdout).toContain('Sandbox stopped');
    expect(stdout).toContain('`databridge sandbox`');
    expect(stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no token is ever printed
  });

  it('keeps the sandbox running, prints its URLs, logins and apps, and stops cleanly on SIGTERM', async () => {
    let keyFile: string | undefined;
    const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (exitCode, signal) => resolve({ code: exitCode, signal })),
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('Press Ctrl-C to stop.')) resolve();
        });
        child.once('exit', () => reject(new Error(`exited early:\n${stdout}\n${stderr}`)));
      });
      const control = /Sandbox running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      const issuer = /Visma Connect issuer: +(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1];
      expect(control).toBeDefined();
      expect(issuer).toBeDefined();
      expect(stdout).toMatch(/Visma\.net API base URL: http:\/\/127\.0\.0\.1:\d+\/v1\n/);
      // The printed URLs are live.
      expect((await fetch(`${control}/_sandbox/health`)).status).toBe(200);
      expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);
      expect(stdout).toContain('ada@nordlys.example  password ada-password');
      expect(stdout).toContain(
        'API User on: Nordlys AS (6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01), Nordlys Eiendom AS (6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c02)',
      );
      expect(stdout).toContain('company picker');
      expect(stdout).toContain('ben@nordlys.example  password ben-password');
      expect(stdout).toContain('picked without asking');
      expect(stdout).toContain('eve@kystfisk.example  password eve-password');
      expect(stdout).toContain('API User on: none');
      expect(stdout).toContain(
        'isv_databridge  secret databridge-sandbox-secret  web app, refresh tokens reuse',
      );
      expect(stdout).toContain('isv_databridge_rotating  secret databridge-rotating-secret  web app');
      expect(stdout).toContain('isv_databridge_service  secret databridge-service-secret  service app');

      // SuperOffice: the issuer, the State API and the tenant hosts are live.
      const superId =
        /SuperOffice SuperID issuer \(pass as environment\): (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)?.[1];
      expect(superId).toBeDefined();
      expect(stdout).toContain(`SuperOffice State API:  ${superId}/api/state/{ctx}\n`);
      const hosts =
        /SuperOffice tenant API hosts: host 0 (http:\/\/127\.0\.0\.1:\d+), host 1 (http:\/\/127\.0\.0\.1:\d+)\n/.exec(
          stdout,
        );
      expect(hosts).not.toBeNull();
      const host0 = hosts?.[1];
      expect(hosts?.[2]).not.toBe(host0);
      expect((await fetch(`${superId}/login/.well-known/openid-configuration`)).status).toBe(200);
      const state = (await (await fetch(`${superId}/api/state/Cust12345`)).json()) as Record<string, unknown>;
      expect(state).toMatchObject({
        ContextIdentifier: 'Cust12345',
        State: 'Running',
        IsRunning: true,
        Api: `${host0}/Cust12345/api`,
      });
      expect(stdout).toContain(
        `  Cust12345  Nordlys AS  Running, served by host 0: ${host0}/Cust12345/api\n`,
      );
      expect(stdout).toContain(
        `  Cust67890  Kystfisk AS  Running, served by host 0: ${host0}/Cust67890/api\n`,
      );
      expect(stdout).toContain('siri@nordlys.example  password siri-password  (Siri Systemansvarlig)');
      expect(stdout).toContain('administrator, tenants: Nordlys AS (Cust12345), Kystfisk AS (Cust67890)');
      expect(stdout).toMatch(/Story: administrator: can approve apps .*tenant picker\n/);
      expect(stdout).toContain('ola@nordlys.example  password ola-password  (Ola Selger)');
      expect(stdout).toContain('normal user, tenants: Nordlys AS (Cust12345)');
      expect(stdout).toMatch(/Story: normal user: cannot approve apps.*picked without asking\n/);
      expect(stdout).toContain('databridge-superoffice  secret databridge-superoffice-secret  (DataBridge)');
      expect(stdout).toContain('approved by: Nordlys AS (Cust12345)\n');
      expect(stdout).toContain('not approved by: Kystfisk AS (Cust67890)\n');
      expect(stdout).toMatch(/system token for Cust12345: DataBridge-[\w-]+\n/);
      expect(stdout).not.toContain('system token for Cust67890');
      keyFile = /system-user private key \(PEM, new each run, removed on stop\): (.+)\n/.exec(stdout)?.[1];
      expect(keyFile).toBeDefined();
      const pem = readFileSync(keyFile ?? '', 'utf8');
      expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
      expect(pem.trimEnd().endsWith('-----END RSA PRIVATE KEY-----')).toBe(true);
      if (process.platform !== 'win32') expect(statSync(keyFile ?? '').mode & 0o777).toBe(0o600);
      expect(stdout).toContain(
        'POST /_sandbox/superoffice/tenant {ctx, state?, move?}, POST /_sandbox/superoffice/revoke {clientId, ctx}.',
      );
      // The printed control route works: moving the tenant shows at the State API.
      const moved = await fetch(`${control}/_sandbox/superoffice/tenant`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ctx: 'Cust12345', state: 'Suspended', move: true }),
      });
      expect(await moved.json()).toEqual({ ctx: 'Cust12345', state: 'Suspended', hostIndex: 1 });
      expect(await (await fetch(`${superId}/api/state/Cust12345`)).json()).toMatchObject({
        IsRunning: false,
        Api: `${hosts?.[2]}/Cust12345/api`,
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('Sandbox stopped.');
    expect(stderr).toBe('');
    expect(keyFile !== undefined && existsSync(keyFile)).toBe(false); // the key file goes with the sandbox
  });
});
