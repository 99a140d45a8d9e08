import { mustParsePath, type PathSegment } from './path.js';

/**
 * Every source path a mapping reads, as a tree of slots: slot 0 is the record, and each other slot is one key read
 * from its parent slot. A path shared by several fields, or a prefix shared by several paths (`Address.Postal`), is
 * read once per record.
 */
export interface ReadPlan {
  /** The slot holding the value of a path. */
  slotOf(path: string): number;
  /** Fills `slots` from a record (`slots[0]` = the record). */
  readonly read: (record: unknown, slots: unknown[]) => void;
  /** Number of slots. */
  readonly size: () => number;
}

/** Starts an empty read plan; add paths with {@link ReadPlan.slotOf} before the first read. */
export function createReadPlan(): ReadPlan {
  const parents: number[] = [-1];
  const keys: PathSegment[] = [''];
  const indexes: boolean[] = [false];
  const index = new Map<string, number>();
  return {
    slotOf(path) {
      let slot = 0;
      let prefix = '';
      for (const segment of mustParsePath(path)) {
        prefix += typeof segment === 'number' ? `[${segment}]` : `.${JSON.stringify(segment)}`;
        let next = index.get(prefix);
        if (next === undefined) {
          next = parents.length;
          parents.push(slot);
          keys.push(segment);
          indexes.push(typeof segment === 'number');
          index.set(prefix, next);
        }
        slot = next;
      }
      return slot;
    },
    read(record, slots) {
      slots[0] = record;
      const count = parents.length;
      for (let i = 1; i < count; i++) {
        const parent = slots[parents[i] as number];
        if (parent === null || typeof parent !== 'object') slots[i] = undefined;
        // Two load sites, so array index loads do not share their inline cache with named property loads.
        else if (indexes[i]) slots[i] = (parent as unknown[])[keys[i] as number];
        else slots[i] = (parent as Record<string, unknown>)[keys[i] as string];
      }
    },
    size: () => parents.length,
  };
}
