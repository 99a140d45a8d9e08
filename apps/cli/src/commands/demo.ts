import { Browser, type Sandbox, signInToVisma, startSandbox, VISMA_SEED } from '@databridge/sandbox';
import {
  completeAuthorization,
  createAuthorizationRequest,
  createVismaClient,
  discoverVismaAuth,
  isVismaError,
  type VismaAuth,
  type VismaClient,
  type VismaConnection,
  type VismaErrorKind,
} from '@databridge/visma-client';

/** Where the demo writes what it does; a `Console`-like sink so tests can capture it. */
export interface DemoOutput {
  log(line: string): void;
}

const REDIRECT_URI = 'http://127.0.0.1/callback';

function seedUser(email: string) {
  const user = VISMA_SEED.users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`The sandbox seed has no user ${email}`);
  return user;
}

function seedCompany(name: string) {
  const company = VISMA_SEED.companies.find((candidate) => candidate.name === name);
  if (!company) throw new Error(`The sandbox seed has no company ${name}`);
  return company;
}

function seedApp(clientId: string) {
  const app = VISMA_SEED.apps.find((candidate) => candidate.clientId === clientId);
  if (!app) throw new Error(`The sandbox seed has no app ${clientId}`);
  return app;
}

/**
 * Signs in the way a person would, through the sandbox sign-in pages: a fresh authorization request (forced login,
 * PKCE), a new browser with no session, the login form, the company picker and consent, then the code exchange.
 */
async function signIn(
  sandbox: Sandbox,
  auth: VismaAuth,
  who: { email: string; password: string; tenantId: string },
): Promise<VismaConnection> {
  const request = await createAuthorizationRequest(auth, { redirectUri: REDIRECT_URI });
  const callback = await signInToVisma(new Browser(sandbox.visma.issuer), request.url, who);
  return completeAuthorization(auth, request, callback, { expectedCompanyId: who.tenantId });
}

/** One real API call: reads the first customer (one page). */
async function firstCustomer(client: VismaClient): Promise<{ number: string; name: string } | undefined> {
  for await (const customer of client.customers.list()) return customer;
  return undefined;
}

/** Makes the call, expects it to fail with `kind`, and prints the classified error. Anything else propagates. */
async function expectFailure(out: DemoOutput, client: VismaClient, kind: VismaErrorKind): Promise<void> {
  try {
    await firstCustomer(client);
  } catch (error) {
    if (!isVismaError(error, kind)) throw error;
    out.log(`   customers.list() failed as expected: VismaError kind ${error.kind} (HTTP ${error.status})`);
    out.log(`   remedy: ${error.remedy}`);
    return;
  }
  throw new Error(`customers.list() succeeded, but a '${kind}' error was expected`);
}

/**
 * `databridge demo`: runs, step by step, what the Visma work can do today, against the local sandbox only (real
 * HTTP on loopback, real OAuth code flow with PKCE, real sign-in pages driven by a scripted browser).
 */
export async function runDemo(out: DemoOutput): Promise<void> {
  out.log('DataBridge demo: every step below runs for real, on loopback only.');
  out.log('The Visma services are the local sandbox stand-ins; nothing leaves this machine.');

  out.log('1. Starting the local sandbox ...');
  const sandbox = await startSandbox();
  try {
    out.log(`   control API   ${sandbox.url}`);
    out.log(`   Visma Connect ${sandbox.visma.issuer}`);
    out.log(`   Visma.net API ${sandbox.visma.apiBaseUrl}`);

    const ada = seedUser('ada@nordlys.example');
    const nordlys = seedCompany('Nordlys AS');
    const app = seedApp('isv_databridge');
    const who = { email: ada.email, password: ada.password, tenantId: nordlys.tenantId };

    out.log(
      `2. Signing in interactively as ${ada.email} (authorization code + PKCE, forced fresh login) ...`,
    );
    const auth = await discoverVismaAuth({
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      issuer: sandbox.visma.issuer,
    });
    out.log(`   discovered ${sandbox.visma.issuer}/.well-known/openid-configuration (app ${app.clientId})`);
    out.log(
      `   a scripted browser fills in the login form and picks ${nordlys.name} in the company picker ` +
        `(${ada.email} has API User on two companies)`,
    );
    const connection = await signIn(sandbox, auth, who);
    out.log(
      `   signed in as ${connection.user?.email ?? '(no e-mail)'} (${connection.user?.name ?? 'no name'}), ` +
        `company ${nordlys.name} (${connection.companyId}); refresh token: ${
          connection.tokens.refreshToken === undefined ? 'no' : 'yes'
        }`,
    );

    out.log('3. Reading customers through a client bound to that company ...');
    const client = createVismaClient({
      auth,
      connection,
      apiBaseUrl: sandbox.visma.apiBaseUrl,
      companyName: nordlys.name,
      retry: { minDelayMs: 50 },
    });
    let count = 0;
    const firstThree: string[] = [];
    for await (const customer of client.customers.list()) {
      count += 1;
      if (firstThree.length < 3) firstThree.push(`${customer.number} ${customer.name}`);
    }
    out.log(`   ${count} customers in ${nordlys.name} (paged with pageNumber/pageSize); the first three:`);
    for (const line of firstThree) out.log(`     ${line}`);

    out.log('4. Creating a customer ...');
    const created = await client.customers.create({
      name: 'Fjordkraft Handel AS',
      corporateId: '987654321',
      mainAddress: { addressLine1: 'Strandgata 1', postalCode: '5013', city: 'Bergen', countryId: 'NO' },
    });
    out.log(`   created customer ${created.id} (Location: ${created.location})`);

    out.log(`5. An administrator takes the 'API User' role from ${ada.email} on ${nordlys.name} ...`);
    sandbox.visma.world.setRole(ada.sub, nordlys.tenantId, 'API User', false);
    await expectFailure(out, client, 'permission');
    sandbox.visma.world.setRole(ada.sub, nordlys.tenantId, 'API User', true);
    const afterRole = await firstCustomer(client);
    out.log(
      `   role given back; customers.list() works again (first customer ${afterRole?.number ?? 'none'}); ` +
        'the sandbox applies role changes at once, real Visma.net can take 10-15 minutes',
    );

    out.log(`6. The grant of ${app.clientId} for ${ada.email} is revoked (consent withdrawn) ...`);
    sandbox.visma.world.revokeGrants(app.clientId, ada.sub);
    await expectFailure(out, client, 'reauth_required');

    out.log('7. Reconnecting: a new authorization request and a new browser, so a fresh login is forced ...');
    const reconnected = await signIn(sandbox, auth, who);
    const client2 = createVismaClient({
      auth,
      connection: reconnected,
      apiBaseUrl: sandbox.visma.apiBaseUrl,
      companyName: nordlys.name,
      retry: { minDelayMs: 50 },
    });
    let countAfter = 0;
    for await (const _customer of client2.customers.list()) countAfter += 1;
    const delta = countAfter === count + 1 ? ` (${count} + the one created in step 4)` : '';
    out.log(
      `   reconnected as ${reconnected.user?.email ?? '(no e-mail)'} to ${nordlys.name}; customers.list() works ` +
        `again: ${countAfter} customers${delta}`,
    );
  } finally {
    await sandbox.close();
    out.log('Sandbox stopped.');
  }
  out.log('Next: `databridge sandbox` keeps the stand-ins running and prints the demo logins and apps;');
  out.log('      `pnpm test` runs every test; `databridge --help` lists the commands.');
}
