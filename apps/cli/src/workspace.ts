import { openWorkspace, type Workspace } from '@databridge/core';
import type { CliIo } from './io.js';

/** Global options every command sees. */
export interface GlobalOptions {
  /** `--home`: the DataBridge home, overriding `DATABRIDGE_HOME`. */
  readonly home?: string | undefined;
}

/**
 * Opens the DataBridge home (store, master key, app settings) for one command and closes it afterwards, also when
 * the command fails.
 */
export async function withWorkspace<T>(
  io: CliIo,
  options: GlobalOptions,
  fn: (workspace: Workspace) => Promise<T>,
): Promise<T> {
  const env = io.env ?? process.env;
  const workspace = await openWorkspace({
    env,
    ...(options.home ? { home: options.home } : {}),
    clients: { superoffice: { requestsPerSecond: 10 } },
  });
  try {
    return await fn(workspace);
  } finally {
    await workspace.close();
  }
}
