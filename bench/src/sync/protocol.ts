/** Messages between the sync suite and its two child processes (Node IPC, JSON). */

/** How the sandbox process is started (its argv[2], as JSON). */
export interface SandboxConfig {
  /** Seeded SuperOffice companies (Contact) in the tenant that is synced. */
  readonly contacts: number;
  /** Visma requests per window per (company, client). */
  readonly vismaBudget: number;
  /** Visma rate-limit window in seconds. */
  readonly vismaWindowSeconds: number;
}

/** Where the sandbox listens: sent once it is up. */
export interface SandboxReady {
  readonly type: 'ready';
  readonly vismaIssuer: string;
  readonly vismaApiBaseUrl: string;
  readonly superOfficeIssuer: string;
  /** Milliseconds the sandbox took to start and seed. */
  readonly startMs: number;
  /** CPU time the sandbox process had spent when ready (user + system). */
  readonly startCpuMs: number;
}

/** The Visma API's counters, sent in answer to `{ type: 'stats' }`. */
export interface SandboxStats {
  readonly type: 'stats';
  /** Requests that reached the Visma API with a valid token (counted by the budget, refused ones included). */
  readonly requests: number;
  /** Requests the Visma API refused with 429 because the window's budget was spent. */
  readonly throttled: number;
  /** Epoch ms of every request the budget allowed, in order (rate-limited runs only; empty otherwise). */
  readonly allowedAt: readonly number[];
  /** Customers in the synced Visma company. */
  readonly customers: number;
  /** Resident set high-water mark of the sandbox process in KiB (for information; not the subject). */
  readonly maxRssKiB: number;
  /** CPU time of the sandbox process so far (user + system). */
  readonly cpuMs: number;
}

/** What the parent sends the sandbox process. */
export type SandboxCommand = { readonly type: 'stats' } | { readonly type: 'close' };

/** An OAuth client of the sandbox (its seed's app). */
export interface AppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * How the sync process is started (its argv[2], as JSON); the master key comes in `DATABRIDGE_MASTER_KEY`. The parent
 * has signed in already (`sign-in.ts`): the home holds both connections, their tokens sealed with that key, and the
 * profile.
 */
export interface SyncConfig {
  readonly vismaIssuer: string;
  readonly vismaApiBaseUrl: string;
  readonly superOfficeIssuer: string;
  /** The DataBridge home (SQLite store) the parent prepared. */
  readonly home: string;
  /** The profile to run (SuperOffice Contact → Visma customer). */
  readonly profileId: string;
  /** The sandbox's Visma app, for token refreshes. */
  readonly vismaApp: AppCredentials;
  /** The sandbox's SuperOffice app, for token refreshes. */
  readonly superOfficeApp: AppCredentials;
  /** Visma client requests in flight. */
  readonly vismaConcurrency: number;
  /** Also run an unchanged re-run after clearing the checkpoint. */
  readonly rerun: boolean;
}

/** One `runProfile` as the sync process saw it. */
export interface RunFigures {
  readonly state: string;
  readonly seen: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  /** `run.apiCalls`: calls to both systems. */
  readonly apiCalls: number;
  readonly ms: number;
  /** CPU time of the sync process during the run (user + system). */
  readonly cpuMs: number;
  /** The first failure's message, if any record failed. */
  readonly firstError?: string | undefined;
  /** VmHWM of the sync process after this run, in KiB. */
  readonly hwmKiB: number;
}

/** Sent by the sync process: after the first run it waits for `{ type: 'continue' }` before the re-run. */
export type SyncMessage =
  | { readonly type: 'run'; readonly name: 'first' | 'rerun'; readonly run: RunFigures }
  | {
      readonly type: 'done';
      /** `process.resourceUsage().maxRSS` of the sync process at the end, in KiB. */
      readonly maxRssKiB: number;
    };

/** The resident set high-water mark of this process in KiB (Linux `/proc/self/status` VmHWM, else maxRSS). */
export async function highWaterMarkKiB(): Promise<number> {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    if (match?.[1]) return Number(match[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
