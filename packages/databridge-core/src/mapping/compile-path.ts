import { mustParsePath, type PathSegment, writePath } from './path.js';

/** Writes one path of an output object. */
export type Setter = (output: Record<string, unknown>, value: unknown) => void;

type Node = Record<PathSegment, unknown>;

/**
 * Setters are used when one target is the parent of another (`x` and `x.y`), so a later write may land inside an
 * earlier value: object values are copied first, so the source record is never mutated through the output.
 */
function own(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/** Compiles a path into a setter that creates objects and arrays on the way. */
export function compileSetter(path: string): Setter {
  const segments = mustParsePath(path);
  const [a, b] = segments as [PathSegment, PathSegment];
  switch (segments.length) {
    case 1:
      return (out, value) => {
        (out as Node)[a] = own(value);
      };
    case 2: {
      const arrayChild = typeof b === 'number';
      return (out, value) => {
        const x = (out as Node)[a];
        if (x !== null && typeof x === 'object') (x as Node)[b] = own(value);
        else if (arrayChild) {
          const child: unknown[] = [];
          child[b as number] = own(value);
          (out as Node)[a] = child;
        } else (out as Node)[a] = { [b]: own(value) };
      };
    }
    default:
      return (out, value) => writePath(out, segments, value);
  }
}
