import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
  // node:sqlite has no bare-name alias: keep the node: prefix on every builtin import.
  removeNodeProtocol: false,
});
