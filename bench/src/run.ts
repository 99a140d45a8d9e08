import { formatReport, measure, ratios, type Suite } from './harness.ts';
import { mappingCodegenSuite, mappingSuite } from './suites/mapping.ts';
import { optionsSuite } from './suites/options.ts';

/** Every suite; a later issue adds sync. */
const suites: readonly Suite[] = [optionsSuite, mappingSuite, mappingCodegenSuite];

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark suite(s): ${unknown.join(', ')}. Known: ${suites.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

let missedGoals = 0;
for (const suite of suites.filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
  const [subject, ...peers] = await measure(suite);
  if (!subject) throw new Error(`Suite ${suite.name} measured nothing`);
  const results = ratios(subject, peers, suite.goals);
  missedGoals += results.filter((result) => result.met === false).length;
  console.log(formatReport(suite, [subject, ...peers], results).join('\n'));
}
// A missed goal is reported, not hidden; benchmarks never fail the test suite.
if (missedGoals > 0) console.log(`${missedGoals} goal(s) not met`);
