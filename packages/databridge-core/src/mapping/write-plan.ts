import { mustParsePath, type PathSegment } from './path.js';

/** Where one field writes: a node (0 = the output object) and a key in it. */
export interface WriteTarget {
  /** The node index. */
  readonly node: number;
  /** The key in the node. */
  readonly key: PathSegment;
}

/**
 * The nested objects and arrays of a mapping's output, as numbered nodes created on first write (so a node nobody
 * writes into stays absent, and keys keep the order of first write, as `writePath` gives).
 */
export interface WritePlan {
  /** Registers every target path; `undefined` when a path is both a value and a parent of another path. */
  readonly targets: readonly WriteTarget[] | undefined;
  /** Number of nodes, output included. */
  readonly size: number;
  /** Writes `value` at `target`, creating its nodes; `nodes[0]` is the output, the other entries start undefined. */
  readonly write: (nodes: unknown[], target: WriteTarget, value: unknown) => void;
}

/** Plans the output nodes of a set of target paths. */
export function createWritePlan(paths: readonly string[]): WritePlan {
  const parents: number[] = [-1];
  const keys: PathSegment[] = [''];
  const arrays: boolean[] = [false];
  const index = new Map<string, number>();
  const leaves = new Set<string>();
  const targets: WriteTarget[] = [];
  for (const path of paths) {
    const segments = mustParsePath(path);
    let node = 0;
    let prefix = '';
    segments.forEach((segment, i) => {
      prefix += typeof segment === 'number' ? `[${segment}]` : `.${JSON.stringify(segment)}`;
      if (i === segments.length - 1) {
        leaves.add(prefix);
        targets.push({ node, key: segment });
        return;
      }
      let next = index.get(prefix);
      if (next === undefined) {
        next = parents.length;
        parents.push(node);
        keys.push(segment);
        arrays.push(typeof segments[i + 1] === 'number');
        index.set(prefix, next);
      }
      node = next;
    });
  }
  const conflict = [...leaves].some((leaf) => index.has(leaf));

  const materialize = (nodes: unknown[], node: number): Record<PathSegment, unknown> => {
    const existing = nodes[node];
    if (existing !== undefined) return existing as Record<PathSegment, unknown>;
    const parent = materialize(nodes, parents[node] as number);
    const created = (arrays[node] ? [] : {}) as Record<PathSegment, unknown>;
    parent[keys[node] as PathSegment] = created;
    nodes[node] = created;
    return created;
  };

  return {
    targets: conflict ? undefined : targets,
    size: parents.length,
    write(nodes, target, value) {
      const node = nodes[target.node];
      if (node !== undefined) (node as Record<PathSegment, unknown>)[target.key] = value;
      else materialize(nodes, target.node)[target.key] = value;
    },
  };
}
