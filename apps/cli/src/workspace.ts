import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, openWorkspace, resolveDatabridgeHome, type Workspace } from '@databridge/core';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

/** Global options every command sees. */
export interface GlobalOptions {
  /** `--home`: the DataBridge home, overriding `DATABRIDGE_HOME`. */
  readonly home?: string | undefined;
}

/**
 * Opens the DataBridge home (store, master key, app settings) for one command and closes it afterwards, also when
 * the command fails. Only `create: true` (connecting) may start a new home: any other command on a folder without
 * a store says so instead of showing an empty setup (a mistyped `DATABRIDGE_HOME` should not look like "nothing yet").
 */
export async function withWorkspace<T>(
  io: CliIo,
  options: GlobalOptions,
  fn: (workspace: Workspace) => Promise<T>,
  open: { readonly create?: boolean } = {},
): Promise<T> {
  const env = io.env ?? process.env;
  const home = options.home ?? resolveDatabridgeHome({ env });
  if (open.create !== true && !existsSync(join(home, DATABASE_FILE))) {
    throw new CliError(
      `No DataBridge store in ${home}: check DATABRIDGE_HOME / --home, or start with \`databridge connect visma\``,
    );
  }
  const workspace = await openWorkspace({
    env,
    home,
    clients: { superoffice: { requestsPerSecond: 10 } },
  });
  try {
    return await fn(workspace);
  } finally {
    await workspace.close();
  }
}
