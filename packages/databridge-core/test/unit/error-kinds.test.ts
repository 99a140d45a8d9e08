import { SUPEROFFICE_ERROR_KINDS, type SuperOfficeErrorKind } from '@databridge/superoffice-client';
import { VISMA_ERROR_KINDS } from '@databridge/visma-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_KINDS, type ErrorKind } from '../../src/index.js';

// The sync engine treats both APIs alike only if both clients classify into exactly the same kinds.
describe('error kinds', () => {
  it('are the same in both clients and in core', () => {
    expect([...SUPEROFFICE_ERROR_KINDS]).toEqual([...ERROR_KINDS]);
    expect([...VISMA_ERROR_KINDS]).toEqual([...ERROR_KINDS]);
    expectTypeOf<SuperOfficeErrorKind>().toEqualTypeOf<ErrorKind>();
  });
});
