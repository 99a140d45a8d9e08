import type { SoResponse } from '../context.js';
import type { SoRoute } from '../router.js';

/**
 * `GET /v1/User/currentPrincipal` (superoffice.md §3 "No standard UserInfo endpoint", §9 fields, §19 loop
 * prevention): who the credential speaks for. The system user has associate id 0 in the sandbox world.
 */
export const principalRoutes: readonly SoRoute[] = [
  {
    method: 'GET',
    pattern: '/v1/User/currentPrincipal',
    handler: (c): SoResponse => {
      const { principal, tenant } = c;
      const names = tenant.resolver.associate(principal.associateId);
      return {
        status: 200,
        json: {
          AssociateId: principal.associateId,
          PersonId: 0,
          ContactId: 1,
          UserName: names?.name ?? '',
          FullName: names?.fullName ?? '',
          EMailAddress: names?.email ?? '',
          RoleId: 0,
          RoleName: principal.kind === 'system' ? 'System user' : 'User',
          Licenses: [],
          FunctionRights: [],
          DatabaseContextIdentifier: principal.ctx,
          IsSystemUser: principal.kind === 'system',
          ClientId: principal.clientId,
        },
      };
    },
  },
];
