/** An RFC 6902 `add` operation; `path` ending in `/-` appends to an array. */
export interface JsonPatchAdd {
  /** Always `add`. */
  readonly op: 'add';
  /** JSON Pointer of the new value. */
  readonly path: string;
  /** The value to add. */
  readonly value: unknown;
}

/** An RFC 6902 `replace` operation. */
export interface JsonPatchReplace {
  /** Always `replace`. */
  readonly op: 'replace';
  /** JSON Pointer of the replaced value. */
  readonly path: string;
  /** The new value. */
  readonly value: unknown;
}

/** An RFC 6902 `remove` operation. */
export interface JsonPatchRemove {
  /** Always `remove`. */
  readonly op: 'remove';
  /** JSON Pointer of the removed value. */
  readonly path: string;
}

/** An RFC 6902 `test` operation: SuperOffice answers 409 when it fails (superoffice.md §13). */
export interface JsonPatchTest {
  /** Always `test`. */
  readonly op: 'test';
  /** JSON Pointer of the asserted value. */
  readonly path: string;
  /** The value the path must have. */
  readonly value: unknown;
}

/** The operations SuperOffice supports (§12): no `move` and no `copy`. */
export type JsonPatchOperation = JsonPatchAdd | JsonPatchReplace | JsonPatchRemove | JsonPatchTest;

/** The operation names of {@link JsonPatchOperation}. */
export type JsonPatchOp = JsonPatchOperation['op'];
