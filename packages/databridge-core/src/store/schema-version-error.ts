/** The database was written by a newer DataBridge than this one, or its migration history is inconsistent. */
export class SchemaVersionError extends Error {
  /** The database file. */
  readonly file: string;
  /** Highest schema version recorded in the file. */
  readonly found: number;
  /** Highest schema version this code knows. */
  readonly known: number;

  /** @param file - Database path. @param found - Version in the file. @param known - Version the code knows. */
  constructor(file: string, found: number, known: number) {
    super(
      `${file} has schema version ${found}, but this DataBridge only knows up to ${known}: ` +
        'upgrade DataBridge (the file was written by a newer version); the file was not changed',
    );
    this.name = 'SchemaVersionError';
    this.file = file;
    this.found = found;
    this.known = known;
  }
}
