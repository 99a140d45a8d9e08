import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Browser,
  type Sandbox,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  signInToVisma,
  startSandbox,
  VISMA_SEED,
} from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  discoverSuperOffice,
  type SuperOfficeAuth,
  type SuperOfficeConnection,
} from '@databridge/superoffice-client';
import {
  completeAuthorization,
  createAuthorizationRequest,
  discoverVismaAuth,
  type VismaAuth,
  type VismaConnection,
} from '@databridge/visma-client';
import type { ConnectionSystems } from '../../src/connections/index.js';
import { type Connection, TOKENS_PURPOSE } from '../../src/model/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { generateMasterKey, TokenVault } from '../../src/vault/index.js';

export const [VISMA_NORDLYS] = VISMA_SEED.companies;
export const [ADA] = VISMA_SEED.users;
export const [VISMA_APP] = VISMA_SEED.apps;
export const [SO_NORDLYS] = SUPEROFFICE_SEED.tenants;
export const [SIRI] = SUPEROFFICE_SEED.users;
export const [SO_APP] = SUPEROFFICE_SEED.apps;
const REDIRECT_URI = 'http://127.0.0.1/callback';

/** One request as the recording fetch saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string | undefined;
}

/** A fetch that records method, path and body of every request (to check what a write sent). */
export function recordingFetch(log: RecordedRequest[]) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : undefined;
    log.push({ method: request.method, path: new URL(request.url).pathname, body });
    return fetch(request);
  };
}

/** A sandbox, a fresh store and vault per test, and sign-ins stored as connections. */
export class ConnectorWorld {
  sandbox!: Sandbox;
  vismaAuth!: VismaAuth;
  soAuth!: SuperOfficeAuth;
  store!: SqliteStore;
  vault!: TokenVault;
  #home = '';
  readonly #contacts: number;
  readonly #vismaBudget: number | undefined;

  /**
   * @param options - `superOfficeContacts`: companies in the SuperOffice tenant (default 30); `vismaBudget`: Visma
   * requests per rate-limit window (default: the sandbox's).
   */
  constructor(options: { readonly superOfficeContacts?: number; readonly vismaBudget?: number } = {}) {
    this.#contacts = options.superOfficeContacts ?? 30;
    this.#vismaBudget = options.vismaBudget;
  }

  async start(): Promise<void> {
    this.sandbox = await startSandbox({
      vismaApi: { customers: 10, ...(this.#vismaBudget ? { hourlyBudget: this.#vismaBudget } : {}) },
      superOfficeApi: { contacts: this.#contacts },
      superOfficeWebhookRetryDelaysMs: [20, 40],
    });
    this.vismaAuth = await discoverVismaAuth({
      clientId: VISMA_APP.clientId,
      clientSecret: VISMA_APP.clientSecret,
      issuer: this.sandbox.visma.issuer,
    });
    this.soAuth = await discoverSuperOffice({
      environment: this.sandbox.superOffice.issuer,
      clientId: SO_APP.clientId,
      clientSecret: SO_APP.clientSecret,
    });
  }

  async stop(): Promise<void> {
    await this.sandbox.close();
  }

  async beforeEach(): Promise<void> {
    this.sandbox.reset();
    this.#home = mkdtempSync(join(tmpdir(), 'databridge-connector-'));
    this.store = await SqliteStore.open({ home: this.#home });
    this.vault = new TokenVault({ masterKey: generateMasterKey() });
  }

  async afterEach(): Promise<void> {
    await this.store.close();
    rmSync(this.#home, { recursive: true, force: true });
  }

  /** The systems settings pointing at the sandbox. */
  get systems(): ConnectionSystems {
    return {
      visma: { auth: this.vismaAuth, apiBaseUrl: this.sandbox.visma.apiBaseUrl },
      superoffice: { auth: this.soAuth },
    };
  }

  /** Signs Ada in to Visma Nordlys (scripted browser). */
  async signInVisma(): Promise<VismaConnection> {
    const request = await createAuthorizationRequest(this.vismaAuth, { redirectUri: REDIRECT_URI });
    const callback = await signInToVisma(new Browser(this.sandbox.visma.issuer), request.url, {
      ...ADA,
      tenantId: VISMA_NORDLYS.tenantId,
    });
    return completeAuthorization(this.vismaAuth, request, callback);
  }

  /** Signs Siri in to SuperOffice Nordlys (scripted browser). */
  async signInSuperOffice(): Promise<SuperOfficeConnection> {
    const request = await createSuperOfficeAuthorizationRequest(this.soAuth, {
      redirectUri: REDIRECT_URI,
      tenant: SO_NORDLYS.ctx,
    });
    const callback = await signInToSuperOffice(new Browser(this.sandbox.superOffice.issuer), request.url, {
      ...SIRI,
      tenant: SO_NORDLYS.ctx,
    });
    return completeSuperOfficeAuthorization(this.soAuth, request, callback);
  }

  /** Stores a connection of `system`, with `tokens` sealed when given, and returns it as stored. */
  async storeConnection(
    system: string,
    name: string,
    tenantId: string,
    tokens?: object,
  ): Promise<Connection> {
    const created = await this.store.createConnection({ system, name, tenantId });
    if (tokens) {
      await this.store.compareAndSwapTokens(
        created.id,
        created.version,
        this.vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(tokens)),
      );
    }
    const stored = await this.store.getConnection(created.id);
    if (!stored) throw new Error(`connection ${created.id} vanished`);
    return stored;
  }
}

/** Collects every page of an async iterable. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { kind?: string; remedy?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { kind?: string; remedy?: string };
  }
  throw new Error('expected a rejection');
}
