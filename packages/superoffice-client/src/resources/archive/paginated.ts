/** One page of archive rows, for consumers that checkpoint per page. */
export interface ArchivePage<T> {
  /** The `$skip` the page was requested with. */
  readonly skip: number;
  /** The `$top` the page was requested with. */
  readonly top: number;
  /** The page's rows (cut short when a `limit` is reached). */
  readonly items: readonly T[];
}

/** Options of {@link Paginated.toArray}. */
export interface ToArrayOptions {
  /** The most rows to collect: required, so a forgotten filter cannot load a whole database into memory. */
  readonly limit: number;
}

/**
 * A lazily fetched archive list: iterate it with `for await`, or page by page with {@link Paginated.pages}. Each
 * iteration starts again from the first page.
 *
 * @example
 * ```ts
 * for await (const row of client.contacts.query({ select: ['contactId', 'name'] })) console.log(row.name);
 * const first = await client.contacts.query({ select: ['name'] }).toArray({ limit: 10 });
 * ```
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** Collects up to `limit` rows. */
  toArray(options: ToArrayOptions): Promise<T[]>;
  /** Yields whole pages. */
  pages(): AsyncIterable<ArchivePage<T>>;
}
