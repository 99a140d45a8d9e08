import type { VismaWorldSeed } from './world.js';

/**
 * The default Visma sandbox: three companies, users that reproduce each role story, and the apps DataBridge uses.
 * Ids are fixed so that docs, tests and the demo can name them.
 */
export const VISMA_SEED = {
  companies: [
    {
      tenantId: '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01',
      customerTenantId: 'f0a4e1b2-77c3-4d6e-8b1a-5c2d9e0f3a01',
      name: 'Nordlys AS',
    },
    {
      tenantId: '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c02',
      customerTenantId: 'f0a4e1b2-77c3-4d6e-8b1a-5c2d9e0f3a01',
      name: 'Nordlys Eiendom AS',
    },
    {
      tenantId: '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c03',
      customerTenantId: 'f0a4e1b2-77c3-4d6e-8b1a-5c2d9e0f3a03',
      name: 'Kystfisk AS',
    },
  ],
  users: [
    {
      // API User on two companies: sees the company picker.
      sub: 'a1b2c3d4-0000-4000-8000-00000000a0a0',
      email: 'ada@nordlys.example',
      name: 'Ada Admin',
      password: 'ada-password',
      roles: {
        '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01': ['API User', 'Integration Administrator'],
        '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c02': ['API User'],
      },
    },
    {
      // API User on one company: that company is picked without asking.
      sub: 'a1b2c3d4-0000-4000-8000-00000000b0b0',
      email: 'ben@nordlys.example',
      name: 'Ben Bookkeeper',
      password: 'ben-password',
      roles: { '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01': ['API User'] },
    },
    {
      // No API User anywhere: can sign in, but no company can be picked (visma-net.md §2.9).
      sub: 'a1b2c3d4-0000-4000-8000-00000000e0e0',
      email: 'eve@kystfisk.example',
      name: 'Eve Employee',
      password: 'eve-password',
      roles: {},
    },
  ],
  apps: [
    {
      // Confidential web app, "Re-use" refresh tokens.
      clientId: 'isv_databridge',
      clientSecret: 'databridge-sandbox-secret',
      kind: 'web',
      redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
      refreshTokenMode: 'reuse',
      refreshGraceSeconds: 0,
      approvedTenants: [],
    },
    {
      // Confidential web app, "One time" refresh tokens with a grace period (visma-net.md §2.8).
      clientId: 'isv_databridge_rotating',
      clientSecret: 'databridge-rotating-secret',
      kind: 'web',
      redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
      refreshTokenMode: 'one_time',
      refreshGraceSeconds: 30,
      approvedTenants: [],
    },
    {
      // Service app (client credentials), approved in the App Store for the first two companies only.
      clientId: 'isv_databridge_service',
      clientSecret: 'databridge-service-secret',
      kind: 'service',
      redirectUris: [],
      refreshTokenMode: 'reuse',
      refreshGraceSeconds: 0,
      approvedTenants: ['6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c01', '6c1d8d0a-3b7e-4c55-9a57-0f2b7d4a1c02'],
    },
  ],
} as const satisfies VismaWorldSeed;
