import { isEmpty } from './empty.js';
import type { Condition } from './spec-types.js';
import { scalarEquals, toText } from './values.js';

/** A compiled test on the value at a condition's path. */
export type ValueTest = (value: unknown) => boolean;

/** Compiles a condition's test (the engine reads the value at `condition.path`). */
export function compileTest(condition: Condition): ValueTest {
  switch (condition.is) {
    case 'empty':
      return isEmpty;
    case 'notEmpty':
      return (value) => !isEmpty(value);
    case 'equals': {
      const expected = condition.value;
      return (value) => scalarEquals(value, expected);
    }
    case 'notEquals': {
      const expected = condition.value;
      return (value) => !scalarEquals(value, expected);
    }
    case 'in': {
      const values = condition.values ?? [];
      return (value) => values.some((candidate) => scalarEquals(value, candidate));
    }
    case 'matches': {
      const regex = new RegExp(condition.pattern ?? '', 'u');
      return (value) => !isEmpty(value) && typeof value !== 'object' && regex.test(toText(value));
    }
  }
}
