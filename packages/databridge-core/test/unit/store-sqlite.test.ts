import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/index.js';
import { storeContract } from './store-contract.js';

storeContract('SqliteStore', async () => {
  const home = mkdtempSync(join(tmpdir(), 'databridge-store-'));
  const store = await SqliteStore.open({ home });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
});
