type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date;

/**
 * The paths of a write type the builder accepts as targets, e.g. `mainAddress.postalCode` or `Emails[0].Value` (five
 * levels deep at most). Any string when the type is `unknown` or has an index signature.
 */
export type TargetPath<T> = unknown extends T ? string : PathsOf<T, []>;

type PathsOf<T, Depth extends unknown[]> = Depth['length'] extends 5
  ? string
  : T extends Leaf
    ? never
    : T extends readonly (infer Item)[]
      ? `[${number}]` | `[${number}]${Rest<Item, Depth>}`
      : { [K in keyof T & string]-?: K | `${K}${Rest<T[K], Depth>}` }[keyof T & string];

type Rest<U, Depth extends unknown[]> = unknown extends U
  ? `.${string}` | `[${number}]${string}`
  : NonNullable<U> extends Leaf
    ? never
    : NonNullable<U> extends readonly unknown[]
      ? PathsOf<NonNullable<U>, [...Depth, 0]>
      : `.${PathsOf<NonNullable<U>, [...Depth, 0]>}`;
