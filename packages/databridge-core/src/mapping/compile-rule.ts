import { isEmpty } from './empty.js';
import type { ReadPlan } from './read-plan.js';
import type { ValueRule } from './spec-types.js';
import { toText } from './values.js';

/** A compiled value rule reading the record's slots (see {@link ReadPlan}). */
export type RuleFn = (slots: readonly unknown[]) => unknown;

/** Compiles a rule: a slot number for `copy` (read directly by the engine), a closure otherwise. */
export function compileRule(rule: ValueRule, plan: ReadPlan): number | RuleFn {
  switch (rule.kind) {
    case 'copy':
      return plan.slotOf(rule.from);
    case 'constant': {
      const value = rule.value;
      return () => value;
    }
    case 'first': {
      const from = rule.from.map((path) => plan.slotOf(path));
      return (slots) => {
        for (const slot of from) {
          const value = slots[slot];
          if (!isEmpty(value)) return value;
        }
        return undefined;
      };
    }
    case 'concat': {
      const parts = rule.from.map((part) => (typeof part === 'string' ? plan.slotOf(part) : part.text));
      const separator = rule.separator;
      return (slots) => {
        let out: string | undefined;
        for (const part of parts) {
          const value = typeof part === 'number' ? slots[part] : part;
          if (isEmpty(value)) continue;
          out = out === undefined ? toText(value) : out + separator + toText(value);
        }
        return out;
      };
    }
  }
}
