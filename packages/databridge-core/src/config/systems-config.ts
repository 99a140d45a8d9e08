import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverSuperOffice } from '@databridge/superoffice-client';
import { discoverVismaAuth } from '@databridge/visma-client';
import { z } from 'zod';
import type { ConnectionSystems } from '../connections/connection-systems.js';

/** The file in the DataBridge home that may hold the app registrations. */
export const CONFIG_FILE = 'config.json';

const app = {
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
};

/** App registrations DataBridge signs in with, one per system; see {@link loadSystemsConfig}. */
export const systemsConfigSchema = z.strictObject({
  visma: z
    .strictObject({
      ...app,
      /** Visma Connect issuer (default `https://connect.visma.com`). */
      issuer: z.url().default('https://connect.visma.com'),
      /** Visma.net API base URL with its version segment (default: the production host). */
      apiBaseUrl: z.url().optional(),
      /** A service app (client credentials) for `connect --service`. */
      service: z.strictObject(app).optional(),
    })
    .optional(),
  superoffice: z
    .strictObject({
      ...app,
      /** `sod`, `qaonline`, `online` or a SuperID issuer URL. */
      environment: z.string().min(1).default('online'),
    })
    .optional(),
});

/** See {@link systemsConfigSchema}. */
export type SystemsConfig = z.infer<typeof systemsConfigSchema>;

/** The environment variables {@link loadSystemsConfig} reads, and the setting each one sets. */
export const SYSTEMS_ENV: Readonly<Record<string, readonly string[]>> = {
  DATABRIDGE_VISMA_CLIENT_ID: ['visma', 'clientId'],
  DATABRIDGE_VISMA_CLIENT_SECRET: ['visma', 'clientSecret'],
  DATABRIDGE_VISMA_ISSUER: ['visma', 'issuer'],
  DATABRIDGE_VISMA_API_URL: ['visma', 'apiBaseUrl'],
  DATABRIDGE_VISMA_SERVICE_CLIENT_ID: ['visma', 'service', 'clientId'],
  DATABRIDGE_VISMA_SERVICE_CLIENT_SECRET: ['visma', 'service', 'clientSecret'],
  DATABRIDGE_SUPEROFFICE_CLIENT_ID: ['superoffice', 'clientId'],
  DATABRIDGE_SUPEROFFICE_CLIENT_SECRET: ['superoffice', 'clientSecret'],
  DATABRIDGE_SUPEROFFICE_ENVIRONMENT: ['superoffice', 'environment'],
};

/** A configuration that cannot be used; the message names each bad setting and where it came from. */
export class SystemsConfigError extends Error {
  override readonly name = 'SystemsConfigError';
}

/** Options of {@link loadSystemsConfig}. */
export interface LoadSystemsConfigOptions {
  /** The DataBridge home (for `config.json`). */
  readonly home: string;
  /** Environment (default `process.env`); its `DATABRIDGE_*` variables override the file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads the app registrations from `<home>/config.json` (if present) with `DATABRIDGE_VISMA_*` /
 * `DATABRIDGE_SUPEROFFICE_*` environment variables on top, and validates them. Secrets are never echoed in errors.
 *
 * @throws SystemsConfigError naming the file or variable and the setting that is wrong.
 */
export function loadSystemsConfig(options: LoadSystemsConfigOptions): SystemsConfig {
  const env = options.env ?? process.env;
  const file = join(options.home, CONFIG_FILE);
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new SystemsConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new SystemsConfigError(
        `${file} must hold a JSON object like {"visma": {...}, "superoffice": {...}}`,
      );
  }
  const merged = structuredClone(raw);
  const fromEnv = new Map<string, string>();
  for (const [name, path] of Object.entries(SYSTEMS_ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let node = merged as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1) as string] = value;
    fromEnv.set(path.join('.'), name);
  }
  const parsed = systemsConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const at = issue.path.join('.');
      const where = fromEnv.get(at) ?? `${file} ${at || '(root)'}`;
      return `  ${where}: ${issue.message}`;
    });
    throw new SystemsConfigError(`The DataBridge app configuration is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * Discovers the sign-in settings of every configured system (one discovery request each), ready for the clients,
 * the connector resolver and health checks.
 */
export async function discoverSystems(config: SystemsConfig): Promise<ConnectionSystems> {
  const systems: { -readonly [K in keyof ConnectionSystems]: ConnectionSystems[K] } = {};
  if (config.visma) {
    const { clientId, clientSecret, issuer, apiBaseUrl, service } = config.visma;
    systems.visma = {
      auth: await discoverVismaAuth({ clientId, ...(clientSecret ? { clientSecret } : {}), issuer }),
      ...(service
        ? {
            serviceAuth: await discoverVismaAuth({
              clientId: service.clientId,
              ...(service.clientSecret ? { clientSecret: service.clientSecret } : {}),
              issuer,
            }),
          }
        : {}),
      ...(apiBaseUrl ? { apiBaseUrl } : {}),
    };
  }
  if (config.superoffice) {
    const { clientId, clientSecret, environment } = config.superoffice;
    systems.superoffice = {
      auth: await discoverSuperOffice({ clientId, ...(clientSecret ? { clientSecret } : {}), environment }),
    };
  }
  return systems;
}
