import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block in a workspace member's README must compile against the built package, with the repository's
// strict settings, as if it were a file in that package importing the package by name.
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const members = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);

function examples(readme: string): string[] {
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

function compile(packageDir: string, sources: string[]): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const files = new Map(
    sources.map((source, index) => [join(packageDir, `readme-example-${index + 1}.ts`), source]),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = files.get(file);
    return text === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.formatDiagnostic(diagnostic, { ...host, getNewLine: () => '\n' }).trim());
}

describe('README examples type-check', () => {
  for (const dir of members) {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const blocks = examples(readme);
    it(`${dir.slice(root.length + 1)}/README.md has examples that compile`, () => {
      expect(blocks.length, 'README should show at least one ```ts example').toBeGreaterThan(0);
      expect(compile(dir, blocks)).toEqual([]);
    });
  }
});
