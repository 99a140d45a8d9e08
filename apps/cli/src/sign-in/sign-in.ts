import { join } from 'node:path';
import { CONFIG_FILE, type Workspace } from '@databridge/core';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  SuperOfficeError,
  type SuperOfficeUserConnection,
} from '@databridge/superoffice-client';
import {
  completeAuthorization,
  connectService,
  createAuthorizationRequest,
  discoverVismaAuth,
  type VismaConnection,
} from '@databridge/visma-client';
import { CliError } from '../cli-error.js';
import { type BrowserSignInOptions, browserSignIn } from './browser-sign-in.js';

/** The systems `databridge connect` can sign in to. */
export const SIGN_IN_SYSTEMS = ['visma', 'superoffice'] as const;

/** One of {@link SIGN_IN_SYSTEMS}. */
export type SignInSystem = (typeof SIGN_IN_SYSTEMS)[number];

/** What a finished sign-in produced, ready to be stored on a connection. */
export interface SignedIn {
  /** The system signed in to. */
  readonly system: SignInSystem;
  /** Visma Company tenant id or SuperOffice context identifier the tokens are bound to. */
  readonly tenantId: string;
  /** The company or tenant's display name, when the sign-in told it. */
  readonly tenantName?: string | undefined;
  /** Who signed in (e-mail, name or subject; `service app <clientId>` for client credentials). */
  readonly accountUser: string;
  /** Scopes granted. */
  readonly scopes: readonly string[];
  /** Whether this is a Visma service (client credentials) connection. */
  readonly service: boolean;
  /** The client's connection object, sealed by the vault when stored. Secret: never print it. */
  readonly tokens: VismaConnection | SuperOfficeUserConnection;
}

/** What to sign in to and how. */
export interface SignInOptions extends BrowserSignInOptions {
  /** Expected Visma company id / SuperOffice tenant (`Cust…`); the sign-in fails if another one was picked. */
  readonly company?: string | undefined;
  /** Visma only: client credentials with the service app of the configuration (needs `company`). */
  readonly service?: boolean | undefined;
  /** Pre-fills the sign-in form with this e-mail. */
  readonly loginHint?: string | undefined;
}

const CONFIG_HINT: Readonly<Record<SignInSystem, string>> = {
  visma:
    'set DATABRIDGE_VISMA_CLIENT_ID and DATABRIDGE_VISMA_CLIENT_SECRET (and DATABRIDGE_VISMA_ISSUER / ' +
    'DATABRIDGE_VISMA_API_URL outside production)',
  superoffice:
    'set DATABRIDGE_SUPEROFFICE_CLIENT_ID, DATABRIDGE_SUPEROFFICE_CLIENT_SECRET and DATABRIDGE_SUPEROFFICE_ENVIRONMENT',
};

const LABEL: Readonly<Record<SignInSystem, string>> = { visma: 'Visma', superoffice: 'SuperOffice' };

/** A system's display name. */
export function systemLabel(system: string): string {
  return LABEL[system as SignInSystem] ?? system;
}

/**
 * Checks that the app registration of `system` is configured, before anything is started or stored.
 *
 * @throws CliError naming the variables to set.
 */
export function requireSystemConfig(workspace: Workspace, system: string): void {
  if (system !== 'visma' && system !== 'superoffice')
    throw new CliError(`DataBridge cannot sign in to ${JSON.stringify(system)}; use visma or superoffice`);
  let config: ReturnType<Workspace['config']>;
  try {
    config = workspace.config();
  } catch (error) {
    // A half-configured system (e.g. the issuer set but no client id) reads best as "not configured".
    if (
      error instanceof Error &&
      error.name === 'SystemsConfigError' &&
      error.message.includes(`${system}.clientId`)
    )
      throw new CliError(`No ${LABEL[system]} app is configured: ${CONFIG_HINT[system]}`);
    throw error;
  }
  if (!config[system]) {
    throw new CliError(
      `No ${LABEL[system]} app is configured: ${CONFIG_HINT[system]}, or add "${system}" to ` +
        `${join(workspace.home, CONFIG_FILE)} (\`databridge sandbox\` prints the values for the local sandbox)`,
    );
  }
}

/**
 * Signs in to `system`: the browser flow with a loopback redirect (forced fresh login), or for Visma with
 * `service`, client credentials with the configured service app.
 *
 * @throws CliError for bad options; the clients' classified errors (exit 2) when the sign-in is refused.
 */
export async function signIn(
  workspace: Workspace,
  io: Parameters<typeof browserSignIn>[0],
  system: SignInSystem,
  options: SignInOptions,
): Promise<SignedIn> {
  requireSystemConfig(workspace, system);
  if (system === 'visma')
    return options.service ? signInVismaService(workspace, options) : signInVisma(workspace, io, options);
  if (options.service) throw new CliError('--service is for Visma only (client credentials)');
  return signInSuperOffice(workspace, io, options);
}

async function signInVisma(
  workspace: Workspace,
  io: Parameters<typeof browserSignIn>[0],
  options: SignInOptions,
): Promise<SignedIn> {
  const auth = (await workspace.systems()).visma?.auth;
  if (!auth) throw new CliError(`No Visma app is configured: ${CONFIG_HINT.visma}`);
  const expected = options.company?.toLowerCase();
  const { request, callback } = await browserSignIn(io, options, (redirectUri) =>
    createAuthorizationRequest(auth, {
      redirectUri,
      forceLogin: true,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    }),
  );
  const tokens = await completeAuthorization(auth, request, callback, {
    ...(expected ? { expectedCompanyId: expected } : {}),
  });
  return {
    system: 'visma',
    tenantId: tokens.companyId,
    accountUser: tokens.user?.email ?? tokens.user?.name ?? tokens.user?.sub ?? 'unknown user',
    scopes: tokens.tokens.scopes,
    service: false,
    tokens,
  };
}

async function signInVismaService(workspace: Workspace, options: SignInOptions): Promise<SignedIn> {
  const config = workspace.config().visma;
  if (!options.company)
    throw new CliError('--service needs --company <Visma company id> (the Company tenant id)');
  if (!config?.service) {
    throw new CliError(
      'No Visma service app is configured: set DATABRIDGE_VISMA_SERVICE_CLIENT_ID and ' +
        `DATABRIDGE_VISMA_SERVICE_CLIENT_SECRET, or add visma.service to ${join(workspace.home, CONFIG_FILE)}`,
    );
  }
  const auth = await discoverVismaAuth({
    clientId: config.service.clientId,
    ...(config.service.clientSecret ? { clientSecret: config.service.clientSecret } : {}),
    issuer: config.issuer,
  });
  const tokens = await connectService(auth, { companyId: options.company });
  return {
    system: 'visma',
    tenantId: tokens.companyId,
    accountUser: `service app ${tokens.clientId}`,
    scopes: tokens.tokens.scopes,
    service: true,
    tokens,
  };
}

async function signInSuperOffice(
  workspace: Workspace,
  io: Parameters<typeof browserSignIn>[0],
  options: SignInOptions,
): Promise<SignedIn> {
  const auth = (await workspace.systems()).superoffice?.auth;
  if (!auth) throw new CliError(`No SuperOffice app is configured: ${CONFIG_HINT.superoffice}`);
  const { request, callback } = await browserSignIn(io, options, (redirectUri) =>
    createSuperOfficeAuthorizationRequest(auth, {
      redirectUri,
      forceLogin: true,
      ...(options.company ? { tenant: options.company } : {}),
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    }),
  );
  const tokens = await completeSuperOfficeAuthorization(auth, request, callback);
  if (options.company && tokens.tenant.toLowerCase() !== options.company.toLowerCase()) {
    throw new SuperOfficeError({
      kind: 'tenant',
      status: 0,
      retryable: false,
      tenant: options.company,
      request: 'sign-in callback',
      message: `Signed in to tenant ${tokens.tenant}, but tenant ${options.company} was expected`,
      remedy: `Connect again and pick ${options.company} in the SuperOffice tenant picker.`,
    });
  }
  return {
    system: 'superoffice',
    tenantId: tokens.tenant,
    tenantName: tokens.tenantName,
    accountUser: tokens.user.email ?? tokens.user.sub,
    scopes: ['openid'],
    service: false,
    tokens,
  };
}
