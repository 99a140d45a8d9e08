import {
  type Figure,
  formatFigures,
  formatReport,
  measure,
  ratios,
  type ScenarioSuite,
  type Suite,
} from './harness.ts';

/** Every suite by name, loaded only when picked (the mapping suites warm up at import, the sync suite is long). */
const suites: ReadonlyArray<{ readonly name: string; readonly load: () => Promise<Suite | ScenarioSuite> }> =
  [
    { name: 'options', load: async () => (await import('./suites/options.ts')).optionsSuite },
    { name: 'mapping', load: async () => (await import('./suites/mapping.ts')).mappingSuite },
    { name: 'mapping-codegen', load: async () => (await import('./suites/mapping.ts')).mappingCodegenSuite },
    { name: 'sync', load: async () => (await import('./suites/sync.ts')).syncSuite },
  ];

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark suite(s): ${unknown.join(', ')}. Known: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

let missedGoals = 0;
for (const entry of suites.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
  const suite = await entry.load();
  if ('run' in suite) {
    const figures: readonly Figure[] = await suite.run();
    missedGoals += figures.filter((figure) => figure.met === false).length;
    console.log(formatFigures(suite, figures).join('\n'));
    continue;
  }
  const [subject, ...peers] = await measure(suite);
  if (!subject) throw new Error(`Suite ${suite.name} measured nothing`);
  const results = ratios(subject, peers, suite.goals);
  missedGoals += results.filter((result) => result.met === false).length;
  console.log(formatReport(suite, [subject, ...peers], results).join('\n'));
}
// A missed goal is reported, not hidden; benchmarks never fail the test suite.
if (missedGoals > 0) console.log(`${missedGoals} goal(s) not met`);
