import { resolveVismaClientOptions } from '@databridge/visma-client';
import type { Suite } from '../harness.ts';

const input = { clientId: 'isv_acme', companyId: '5f0c3a8e-1b2c-4d5e-8f90-123456789abc' };
const TENANT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cost of schema-validated client options against hand-written checks: paid once per client, not per call. */
export const optionsSuite: Suite = {
  name: 'options',
  description: 'Visma client option validation (zod) vs hand-written checks',
  subject: { name: 'resolveVismaClientOptions', fn: () => resolveVismaClientOptions(input) },
  peers: [
    {
      name: 'hand-written',
      fn: () => {
        if (!input.clientId.trim()) throw new Error('clientId');
        if (!TENANT.test(input.companyId)) throw new Error('companyId');
        return {
          ...input,
          issuer: 'https://connect.visma.com',
          apiBaseUrl: 'https://api.finance.visma.net/v1',
        };
      },
    },
  ],
};
