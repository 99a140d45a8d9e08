import type { SuperOfficeWorldSeed } from './world.js';

/**
 * The default SuperOffice sandbox: two tenants, an administrator who belongs to both (tenant picker), a normal user
 * who cannot approve apps, and the DataBridge app (already approved on Cust12345, not on Cust67890).
 */
export const SUPEROFFICE_SEED = {
  tenants: [
    { ctx: 'Cust12345', name: 'Nordlys AS', serial: '1234567890' },
    { ctx: 'Cust67890', name: 'Kystfisk AS', serial: '2345678901' },
  ],
  users: [
    {
      associateId: 5,
      email: 'siri@nordlys.example',
      password: 'siri-password',
      name: 'Siri Systemansvarlig',
      tenants: ['Cust12345', 'Cust67890'],
      isAdministrator: true,
    },
    {
      associateId: 7,
      email: 'ola@nordlys.example',
      password: 'ola-password',
      name: 'Ola Selger',
      tenants: ['Cust12345'],
      isAdministrator: false,
    },
  ],
  apps: [
    {
      clientId: 'databridge-superoffice',
      clientSecret: 'databridge-superoffice-secret',
      name: 'DataBridge',
      redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
      consents: ['Cust12345'],
    },
  ],
} as const satisfies SuperOfficeWorldSeed;
