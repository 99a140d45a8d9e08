/**
 * Runs in the suite's (parent) process, not in the measured sync process: signs in to both sandbox systems as a
 * person would (scripted browser against the sandbox's sign-in pages), stores the connections with their tokens
 * sealed by the run's master key (as the CLI's connect does) and creates the profile. The sync process then only opens
 * the store and the vault with the same key: it never loads `@databridge/sandbox` (its OIDC provider, sign-in pages
 * and seed), which would only inflate the memory measured.
 */
import { type MasterKey, SqliteStore, TOKENS_PURPOSE, TokenVault } from '@databridge/core';
import {
  Browser,
  SUPEROFFICE_SEED,
  signInToSuperOffice,
  signInToVisma,
  VISMA_SEED,
} from '@databridge/sandbox';
import {
  completeSuperOfficeAuthorization,
  createSuperOfficeAuthorizationRequest,
  discoverSuperOffice,
} from '@databridge/superoffice-client';
import {
  completeAuthorization,
  createAuthorizationRequest,
  discoverVismaAuth,
} from '@databridge/visma-client';
import type { SandboxReady, SyncConfig } from './protocol.ts';

const REDIRECT_URI = 'http://127.0.0.1/callback';

/** What {@link prepareHome} sets up for the sync process. */
export type PreparedHome = Pick<SyncConfig, 'profileId' | 'vismaApp' | 'superOfficeApp'>;

/** Signs in, stores both connections (sealed tokens) and the profile in the store at `home`, then closes it. */
export async function prepareHome(
  sandbox: SandboxReady,
  home: string,
  masterKey: MasterKey,
  options: { pageSize: number; concurrency: number },
): Promise<PreparedHome> {
  const [company] = VISMA_SEED.companies;
  const [ada] = VISMA_SEED.users;
  const [vismaApp] = VISMA_SEED.apps;
  const [tenant] = SUPEROFFICE_SEED.tenants;
  const [siri] = SUPEROFFICE_SEED.users;
  const [soApp] = SUPEROFFICE_SEED.apps;
  if (!company || !ada || !vismaApp || !tenant || !siri || !soApp)
    throw new Error('The sandbox seed is empty');

  const vismaAuth = await discoverVismaAuth({
    clientId: vismaApp.clientId,
    clientSecret: vismaApp.clientSecret,
    issuer: sandbox.vismaIssuer,
  });
  const vismaRequest = await createAuthorizationRequest(vismaAuth, { redirectUri: REDIRECT_URI });
  const vismaCallback = await signInToVisma(new Browser(sandbox.vismaIssuer), vismaRequest.url, {
    ...ada,
    tenantId: company.tenantId,
  });
  const vismaTokens = await completeAuthorization(vismaAuth, vismaRequest, vismaCallback);

  const soAuth = await discoverSuperOffice({
    environment: sandbox.superOfficeIssuer,
    clientId: soApp.clientId,
    clientSecret: soApp.clientSecret,
  });
  const soRequest = await createSuperOfficeAuthorizationRequest(soAuth, {
    redirectUri: REDIRECT_URI,
    tenant: tenant.ctx,
  });
  const soCallback = await signInToSuperOffice(new Browser(sandbox.superOfficeIssuer), soRequest.url, {
    ...siri,
    tenant: tenant.ctx,
  });
  const soTokens = await completeSuperOfficeAuthorization(soAuth, soRequest, soCallback);

  const store = await SqliteStore.open({ home });
  const vault = new TokenVault({ masterKey });
  try {
    const storeConnection = async (system: string, name: string, tenantId: string, tokens: object) => {
      const created = await store.createConnection({ system, name, tenantId });
      await store.compareAndSwapTokens(
        created.id,
        created.version,
        vault.seal(created.id, TOKENS_PURPOSE, JSON.stringify(tokens)),
      );
      return created.id;
    };
    const crm = await storeConnection('superoffice', 'CRM Nordlys', tenant.ctx, soTokens);
    const erp = await storeConnection('visma', 'ERP Nordlys', company.tenantId, vismaTokens);
    const profile = await store.createProfile({
      name: 'Bench: companies to customers',
      source: { connectionId: crm, entity: 'Contact' },
      target: { connectionId: erp, entity: 'customer' },
      direction: 'source_to_target',
      mapping: 'superoffice-contact-to-visma-customer',
      // The seed gives every company its own e-mail (post@<name><index>.example); OrgNr is random in 900M–999M, so
      // at 100k companies some 50 pairs share one, and names repeat (a few hundred combinations).
      matchingKeys: ['mainContact.email'],
      options: { pageSize: options.pageSize, concurrency: options.concurrency },
    });
    return {
      profileId: profile.id,
      vismaApp: { clientId: vismaApp.clientId, clientSecret: vismaApp.clientSecret },
      superOfficeApp: { clientId: soApp.clientId, clientSecret: soApp.clientSecret },
    };
  } finally {
    await store.close();
  }
}
