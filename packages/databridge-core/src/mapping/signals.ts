/**
 * Thrown by a field's closures to report a field error; the record's other fields still run. Not an `Error`
 * subclass, so throwing it captures no stack: it is control flow inside the engine and never escapes it.
 */
export class FieldFailure {
  /** What went wrong. */
  readonly message: string;

  /** Builds the signal with the message reported for the field. */
  constructor(message: string) {
    this.message = message;
  }
}

/** Thrown by a field's closures to skip the whole record (an `unmapped: skip_record` policy). */
export class SkipRecordSignal {
  /** Why the record is skipped. */
  readonly reason: string;

  /** Builds the signal with the reason reported for the record. */
  constructor(reason: string) {
    this.reason = reason;
  }
}
