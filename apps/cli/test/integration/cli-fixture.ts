import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Connection,
  encodeMasterKey,
  generateMasterKey,
  openWorkspace,
  reconnect,
  type Workspace,
} from '@databridge/core';
import {
  Browser,
  type Sandbox,
  type SandboxOptions,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  signInToVisma,
  startSandbox,
  VISMA_SEED,
} from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
} from '@databridge/superoffice-client';
import { completeAuthorization, createAuthorizationRequest } from '@databridge/visma-client';
import { sandboxEnvironment } from '../../src/commands/sandbox.js';

/** The built command (`pnpm --filter @databridge/cli build` makes it; `DATABRIDGE_TEST_CLI` points elsewhere). */
export const CLI_PATH =
  process.env.DATABRIDGE_TEST_CLI ?? fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Seed fixtures the tests sign in with. */
export const [VISMA_NORDLYS, VISMA_EIENDOM] = VISMA_SEED.companies;
export const [ADA, BEN] = VISMA_SEED.users;
export const [VISMA_APP] = VISMA_SEED.apps;
export const [SO_NORDLYS] = SUPEROFFICE_SEED.tenants;
export const [SIRI] = SUPEROFFICE_SEED.users;
export const [SO_APP] = SUPEROFFICE_SEED.apps;

/** What a finished run of the CLI printed and how it ended. */
export interface CliResult {
  /** The exit code (`null` when it died of a signal). */
  readonly code: number | null;
  /** Everything on stdout. */
  readonly stdout: string;
  /** Everything on stderr. */
  readonly stderr: string;
}

/** Options for one CLI run. */
export interface CliRunOptions {
  /** Variables to set (a value `undefined` removes the variable from the fixture's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Kill the process after this many ms (default 25 s). */
  readonly timeoutMs?: number;
}

/** A running CLI process whose output can be awaited piece by piece. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  #listeners = new Set<() => void>();

  constructor(child: ChildProcessWithoutNullStreams, timeoutMs: number) {
    this.child = child;
    const notify = () => {
      for (const listener of this.#listeners) listener();
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      notify();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      notify();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    this.exited = new Promise((resolve) => {
      child.once('close', (code) => {
        clearTimeout(timer);
        notify();
        resolve({ code, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /**
   * Waits until stdout + stderr match `pattern` at least `occurrence` times (1-based) and returns that match.
   *
   * @throws when the process exits first or `timeoutMs` passes.
   */
  async waitFor(pattern: RegExp, occurrence = 1, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    const find = () => [...`${this.stdout}\n${this.stderr}`.matchAll(global)][occurrence - 1];
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`Timed out waiting for ${pattern} #${occurrence}:\n${this.stdout}\n${this.stderr}`));
      }, timeoutMs);
      const check = () => {
        const match = find();
        if (match) {
          clearTimeout(timer);
          this.#listeners.delete(check);
          resolve(match);
        } else if (exited || this.child.exitCode !== null) {
          clearTimeout(timer);
          this.#listeners.delete(check);
          reject(new Error(`Exited before ${pattern} #${occurrence}:\n${this.stdout}\n${this.stderr}`));
        }
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** The `occurrence`-th sign-in URL the CLI printed ("Open this URL to sign in: …"). */
  async signInUrl(occurrence = 1): Promise<string> {
    const match = await this.waitFor(/Open this URL to sign in: (\S+)/, occurrence);
    return match[1] as string;
  }
}

/**
 * A sandbox started in the test process, a fresh DataBridge home with its master key, and the `DATABRIDGE_*`
 * environment pointing the built CLI at both. Runs `node apps/cli/dist/cli.js …` as a subprocess.
 */
export class CliFixture {
  sandbox!: Sandbox;
  /** The DataBridge home of the current test (see {@link CliFixture.newHome}). */
  home = '';
  /** The base64 master key of the current home. */
  masterKey = '';
  readonly #homes: string[] = [];
  readonly #options: SandboxOptions;

  /** @param options - passed to `startSandbox`. */
  constructor(options: SandboxOptions = {}) {
    this.#options = options;
  }

  /** Starts the sandbox and makes a first home. */
  async start(): Promise<void> {
    this.sandbox = await startSandbox(this.#options);
    this.newHome();
  }

  /** Resets the sandbox to its seed and switches to a fresh, empty home with a new master key. */
  reset(): void {
    this.sandbox.reset();
    this.newHome();
  }

  /** Switches to a fresh, empty DataBridge home (temp dir) with a new master key. */
  newHome(): string {
    this.home = mkdtempSync(join(tmpdir(), 'databridge-cli-'));
    this.#homes.push(this.home);
    this.masterKey = encodeMasterKey(generateMasterKey());
    return this.home;
  }

  /** Stops the sandbox and removes every home made. */
  async stop(): Promise<void> {
    await this.sandbox?.close();
    for (const home of this.#homes) rmSync(home, { recursive: true, force: true });
  }

  /** The environment of a CLI run: no inherited `DATABRIDGE_*`, then home, key and sandbox apps, then `extra`. */
  env(extra: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
    const env: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(process.env))
      if (!name.startsWith('DATABRIDGE_')) env[name] = value;
    Object.assign(env, {
      NO_COLOR: '1',
      DATABRIDGE_HOME: this.home,
      DATABRIDGE_MASTER_KEY: this.masterKey,
      ...sandboxEnvironment(this.sandbox),
      ...extra,
    });
    return Object.fromEntries(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  /** Starts `databridge <args>` and returns the running process. */
  spawn(args: readonly string[], options: CliRunOptions = {}): CliProcess {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env: this.env(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    return new CliProcess(child, options.timeoutMs ?? 25_000);
  }

  /** Runs `databridge <args>` to its end. */
  run(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
    return this.spawn(args, options).exited;
  }

  /** Runs `databridge <args> --json` and parses stdout (fails with the output when it is not JSON). */
  async json<T = unknown>(
    args: readonly string[],
    options: CliRunOptions = {},
  ): Promise<{ code: number | null; value: T }> {
    const result = await this.run([...args, '--json'], options);
    try {
      return { code: result.code, value: JSON.parse(result.stdout) as T };
    } catch {
      throw new Error(`Not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }

  /**
   * Drives the Visma sign-in pages for a URL the CLI printed (scripted browser), then delivers the callback to the
   * CLI's loopback listener the way the browser would.
   *
   * @returns the listener's answer (status and page text).
   */
  async completeVismaSignIn(
    url: string,
    who: { readonly email: string; readonly password: string; readonly tenantId?: string } = {
      ...ADA,
      tenantId: VISMA_NORDLYS.tenantId,
    },
  ): Promise<{ status: number; text: string }> {
    const callback = await signInToVisma(new Browser(this.sandbox.visma.issuer), url, who);
    return deliver(callback);
  }

  /** The same as {@link CliFixture.completeVismaSignIn} for SuperOffice (SuperID lookalike). */
  async completeSuperOfficeSignIn(
    url: string,
    who: { readonly email: string; readonly password: string; readonly tenant?: string } = {
      ...SIRI,
      tenant: SO_NORDLYS.ctx,
    },
  ): Promise<{ status: number; text: string }> {
    const callback = await signInToSuperOffice(new Browser(this.sandbox.superOffice.issuer), url, who);
    return deliver(callback);
  }

  /**
   * Opens the current home with core directly (same env as the CLI), runs `fn`, and closes it, e.g. to create
   * profiles or inspect the store.
   */
  async withWorkspace<T>(fn: (workspace: Workspace) => Promise<T>): Promise<T> {
    const workspace = await openWorkspace({ env: this.env(), home: this.home });
    try {
      return await fn(workspace);
    } finally {
      await workspace.close();
    }
  }

  /**
   * Signs in to Visma in-process (scripted browser, no CLI) and stores the connection sealed on the current home,
   * as `databridge connect visma` would: a fast way to set up a test that is not about connecting.
   */
  async storeVismaConnection(
    name: string,
    who: { readonly email: string; readonly password: string; readonly tenantId: string } = {
      ...ADA,
      tenantId: VISMA_NORDLYS.tenantId,
    },
  ): Promise<Connection> {
    return this.withWorkspace(async (workspace) => {
      const auth = (await workspace.systems()).visma?.auth;
      if (!auth) throw new Error('no Visma settings in the fixture environment');
      const request = await createAuthorizationRequest(auth, { redirectUri: FIXTURE_REDIRECT_URI });
      const callback = await signInToVisma(new Browser(this.sandbox.visma.issuer), request.url, who);
      const tokens = await completeAuthorization(auth, request, callback, {
        expectedCompanyId: who.tenantId,
      });
      const created = await workspace.store.createConnection({
        system: 'visma',
        name,
        tenantId: tokens.companyId,
        accountUser: tokens.user?.email,
        scopes: tokens.tokens.scopes,
      });
      return (await reconnect(workspace, created.id, tokens, tokens.companyId)).connection;
    });
  }

  /** The same as {@link CliFixture.storeVismaConnection} for SuperOffice (default: Siri on Nordlys). */
  async storeSuperOfficeConnection(
    name: string,
    who: { readonly email: string; readonly password: string; readonly tenant: string } = {
      ...SIRI,
      tenant: SO_NORDLYS.ctx,
    },
  ): Promise<Connection> {
    return this.withWorkspace(async (workspace) => {
      const auth = (await workspace.systems()).superoffice?.auth;
      if (!auth) throw new Error('no SuperOffice settings in the fixture environment');
      const request = await createSuperOfficeAuthorizationRequest(auth, {
        redirectUri: FIXTURE_REDIRECT_URI,
        tenant: who.tenant,
      });
      const callback = await signInToSuperOffice(
        new Browser(this.sandbox.superOffice.issuer),
        request.url,
        who,
      );
      const tokens = await completeSuperOfficeAuthorization(auth, request, callback);
      const created = await workspace.store.createConnection({
        system: 'superoffice',
        name,
        tenantId: tokens.tenant,
        tenantName: tokens.tenantName,
        accountUser: tokens.user.email,
        scopes: ['openid'],
      });
      return (await reconnect(workspace, created.id, tokens, tokens.tenant)).connection;
    });
  }
}

/** The redirect URI of in-process sign-ins (registered for the sandbox apps; the callback is never fetched). */
const FIXTURE_REDIRECT_URI = 'http://127.0.0.1/callback';

async function deliver(callback: URL): Promise<{ status: number; text: string }> {
  const response = await fetch(callback);
  return { status: response.status, text: await response.text() };
}
