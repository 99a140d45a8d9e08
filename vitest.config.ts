import { defineConfig } from 'vitest/config';

/** Every workspace member with its own test folders. Each gets a `unit` and an `integration` project. */
const members = [
  { name: 'visma-client', root: 'packages/visma-client' },
  { name: 'superoffice-client', root: 'packages/superoffice-client' },
  { name: 'core', root: 'packages/databridge-core' },
  { name: 'sandbox', root: 'packages/sandbox' },
  { name: 'cli', root: 'apps/cli' },
  { name: 'web', root: 'apps/web' },
];

// A JSON report for CI to count passed and failed tests from (see .ci/run).
const reportFile = process.env.DATABRIDGE_TEST_REPORT;

export default defineConfig({
  test: {
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    projects: [
      ...members.flatMap(({ name, root }) => [
        { test: { name: `${name}:unit`, root, include: ['test/unit/**/*.test.ts'] } },
        {
          test: {
            name: `${name}:integration`,
            root,
            include: ['test/integration/**/*.test.ts'],
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
      ]),
      { test: { name: 'bench', root: 'bench', include: ['test/**/*.test.ts'] } },
      {
        test: {
          name: 'repo',
          root: '.',
          include: ['tests/**/*.test.ts', 'docs/examples/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
