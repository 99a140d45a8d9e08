import { mustParsePath, type PathSegment, writePath } from './path.js';

/** Writes one path of an output object. */
export type Setter = (output: Record<string, unknown>, value: unknown) => void;

type Node = Record<PathSegment, unknown>;

/** Compiles a path into a setter that creates objects and arrays on the way. */
export function compileSetter(path: string): Setter {
  const segments = mustParsePath(path);
  const [a, b] = segments as [PathSegment, PathSegment];
  switch (segments.length) {
    case 1:
      return (out, value) => {
        (out as Node)[a] = value;
      };
    case 2: {
      const arrayChild = typeof b === 'number';
      return (out, value) => {
        const x = (out as Node)[a];
        if (x !== null && typeof x === 'object') (x as Node)[b] = value;
        else if (arrayChild) {
          const child: unknown[] = [];
          child[b as number] = value;
          (out as Node)[a] = child;
        } else (out as Node)[a] = { [b]: value };
      };
    }
    default:
      return (out, value) => writePath(out, segments, value);
  }
}
