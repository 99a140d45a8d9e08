import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Tests run against the sources; this loads each built package in a plain Node process, as users will, so a bundling
// mistake (such as a builtin import losing its node: prefix) fails here.
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const packages = readdirSync(join(root, 'packages')).map((name) =>
  join(root, 'packages', name, 'dist', 'index.js'),
);

describe('built packages load in Node', () => {
  for (const entry of packages) {
    it(`${entry.slice(root.length + 1)} imports without error`, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(entry).href)}); console.log(Object.keys(m).length);`,
      ]);
      expect(Number(stdout.trim())).toBeGreaterThan(0);
    });
  }
});
