import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EXIT_CODES, runCli } from '../../src/index.js';

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'databridge-cli-home-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

it('a command on a home without a store says so, exits 2, and creates nothing', async () => {
  const home = join(base, 'typo');
  const errors: string[] = [];
  const code = await runCli(['profiles', 'list'], {
    log: () => {},
    error: (line) => errors.push(line),
    env: { DATABRIDGE_HOME: home },
  });
  expect(code).toBe(EXIT_CODES.needsAction);
  expect(errors).toEqual([
    `databridge: No DataBridge store in ${home}: check DATABRIDGE_HOME / --home, or start with \`databridge connect visma\``,
  ]);
  expect(existsSync(home)).toBe(false);
});
