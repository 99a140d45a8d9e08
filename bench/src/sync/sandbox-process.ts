/**
 * The sandbox of the sync benchmark, in its own process so its memory and CPU bookkeeping stay apart from the sync
 * process measured. Started by `suites/sync.ts` with a {@link SandboxConfig} as argv[2] and an IPC channel.
 */
import { SUPEROFFICE_SEED, startSandbox, VISMA_SEED } from '@databridge/sandbox';
import {
  highWaterMarkKiB,
  type SandboxCommand,
  type SandboxConfig,
  type SandboxReady,
  type SandboxStats,
} from './protocol.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as SandboxConfig;
const [company] = VISMA_SEED.companies;
const [tenant] = SUPEROFFICE_SEED.tenants;
if (!company || !tenant || !process.send)
  throw new Error('Start this from the sync suite (needs IPC and the seed)');

const startedAt = performance.now();
const sandbox = await startSandbox({
  vismaApi: {
    customers: 0,
    hourlyBudget: config.vismaBudget,
    rateWindowSeconds: config.vismaWindowSeconds,
  },
  superOfficeApi: { contacts: config.contacts },
});
// Seed both now (both seed lazily on first use), so the sync does not pay for it.
sandbox.superOffice.api.data.tenant(tenant.ctx);
const companyData = sandbox.visma.api.data.company(company.tenantId);
const customers = companyData.customers;
// The ready-made mapping sends the classes of its Category table (KEY, STD, PROSPECT, PARTNER; "edit it for the
// company"); the sandbox company has classes 1–4 only. Set the company up with the mapping's classes instead.
for (const [id, description] of [
  ['KEY', 'Key account'],
  ['STD', 'Standard'],
  ['PROSPECT', 'Prospect'],
  ['PARTNER', 'Partner'],
] as const) {
  if (companyData.customerClass(id)) continue;
  companyData.customerClasses.push({
    id,
    description,
    taxZoneId: 'NO',
    requiredTaxzoneId: false,
    paymentMethodId: 'BANK',
    attributes: [],
  });
}

// Bench instrumentation: the time of every request the Visma budget allowed, to find the windows afterwards.
const allowedAt: number[] = [];
const limits = sandbox.visma.api.rateLimits;
const consume = limits.consume.bind(limits);
const recordTimes = config.vismaBudget < 1_000_000;
limits.consume = (tenantId, clientId) => {
  const result = consume(tenantId, clientId);
  if (result.allowed && recordTimes) allowedAt.push(Date.now());
  return result;
};

const ready: SandboxReady = {
  type: 'ready',
  vismaIssuer: sandbox.visma.issuer,
  vismaApiBaseUrl: sandbox.visma.apiBaseUrl,
  superOfficeIssuer: sandbox.superOffice.issuer,
  startMs: performance.now() - startedAt,
  startCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
};
process.send(ready);

process.on('message', (message: SandboxCommand) => {
  if (message.type === 'stats') {
    void highWaterMarkKiB().then((maxRssKiB) => {
      const totals = limits.totals();
      const stats: SandboxStats = {
        type: 'stats',
        requests: totals.requests,
        throttled: totals.throttled,
        allowedAt,
        customers: customers.size,
        maxRssKiB,
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      };
      process.send?.(stats);
    });
  } else if (message.type === 'close') {
    void sandbox.close().then(() => process.exit(0));
  }
});
// The parent went away: don't linger.
process.on('disconnect', () => {
  void sandbox.close().then(() => process.exit(0));
});
