/** The `fetch` signature both clients accept (`VismaFetch`, `SuperOfficeFetch`). */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` that counts every request it sends, for {@link Connector.apiCalls}: pass {@link CountingFetch.fetch} as
 * the client's `fetch` and the same object to the connector.
 *
 * @example
 * ```ts
 * const calls = countingFetch();
 * const client = createVismaClient({ auth, connection, fetch: calls.fetch });
 * const connector = createVismaConnector({ client, calls });
 * ```
 */
export interface CountingFetch {
  /** The counting `fetch`; give it to the client. */
  readonly fetch: FetchFunction;
  /** How many requests were sent through {@link CountingFetch.fetch} so far (failed ones included). */
  count(): number;
}

/** Wraps `inner` (the global `fetch` by default) in a {@link CountingFetch}. */
export function countingFetch(inner: FetchFunction = (input, init) => fetch(input, init)): CountingFetch {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls += 1;
      return inner(input, init);
    },
    count: () => calls,
  };
}
