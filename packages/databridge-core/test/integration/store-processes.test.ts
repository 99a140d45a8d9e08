import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';

const storeModule = pathToFileURL(fileURLToPath(new URL('../../src/store/index.ts', import.meta.url))).href;

/**
 * A worker process: loads the store from source (type stripping, `.js` specifiers resolved to `.ts`), then tries
 * `rounds` read-then-swap cycles on one connection, as a refresh coordinator would, and prints how many it won.
 */
const worker = `
import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
      throw error;
    }
  },
});
const [home, id, rounds, label] = process.argv.slice(2);
const { SqliteStore } = await import(${JSON.stringify(storeModule)});
const store = await SqliteStore.open({ home, busyTimeoutMs: 10000 });
const b = Buffer.from(label).toString('base64');
let won = 0;
for (let i = 0; i < Number(rounds); i++) {
  const current = await store.getConnection(id);
  const sealed = { v: 1, kid: 'k', iv: b, tag: b, ct: b, wrappedDek: b, dekIv: b, dekTag: b };
  if (await store.compareAndSwapTokens(id, current.version, sealed)) won++;
}
await store.close();
process.stdout.write(String(won));
`;

function run(
  script: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'databridge-procs-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('two processes sharing one store file', () => {
  it('never lose or double-apply a token swap, and never fail with SQLITE_BUSY', async () => {
    const store = await SqliteStore.open({ home });
    const { id } = await store.createConnection({ system: 'visma', name: 'Shared', tenantId: 'c1' });
    await store.close();
    const script = join(home, 'worker.mjs');
    writeFileSync(script, worker);
    const rounds = 200;
    const results = await Promise.all([
      run(script, [home, id, String(rounds), 'a']),
      run(script, [home, id, String(rounds), 'b']),
    ]);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const wins = results.reduce((sum, result) => sum + Number(result.stdout), 0);
    const reopened = await SqliteStore.open({ home });
    const connection = await reopened.getConnection(id);
    await reopened.close();
    expect(connection?.version).toBe(1 + wins);
    expect(wins).toBeGreaterThanOrEqual(rounds);
  });
});
