import { describe, expect, it } from 'vitest';
import { resolveDatabridgeHome } from '../../src/index.js';

describe('resolveDatabridgeHome', () => {
  it('defaults to ~/.databridge', () => {
    expect(resolveDatabridgeHome({ env: {}, userHome: '/home/ada' })).toBe('/home/ada/.databridge');
  });

  it('uses DATABRIDGE_HOME, resolving relative paths against cwd', () => {
    expect(resolveDatabridgeHome({ env: { DATABRIDGE_HOME: '/srv/db' } })).toBe('/srv/db');
    expect(resolveDatabridgeHome({ env: { DATABRIDGE_HOME: 'state' }, cwd: '/work' })).toBe('/work/state');
  });

  it('refuses a blank DATABRIDGE_HOME with a message naming it', () => {
    expect(() => resolveDatabridgeHome({ env: { DATABRIDGE_HOME: '  ' } })).toThrow(
      /DATABRIDGE_HOME is set but empty/,
    );
  });
});
