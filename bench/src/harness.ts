import { Bench } from 'tinybench';

/** One benchmark suite: a subject measured against one or more peers in the same process and run. */
export interface Suite {
  /** Short name, used to pick the suite on the command line (`pnpm bench -- mapping`). */
  readonly name: string;
  /** What the suite shows and which goal it checks. */
  readonly description: string;
  /** The DataBridge code under test. */
  readonly subject: Task;
  /** What the subject is compared with: a reference library, a hand-written function. */
  readonly peers: readonly Task[];
  /** Optional goals, each a minimum ratio of subject throughput to one peer's. */
  readonly goals?: readonly Goal[];
}

/** A named function to measure. Async functions are awaited. */
export interface Task {
  readonly name: string;
  readonly fn: () => unknown;
}

/** "subject throughput / peer throughput must be at least `minRatio`". */
export interface Goal {
  readonly peer: string;
  readonly minRatio: number;
}

/** One measured task. */
export interface Measurement {
  readonly name: string;
  readonly opsPerSecond: number;
  readonly samples: number;
}

/** The ratio of the subject's throughput to one peer's, and whether its goal (if any) was met. */
export interface Ratio {
  readonly peer: string;
  readonly ratio: number;
  readonly goal?: number;
  readonly met?: boolean;
}

/** Ratios of the subject to every peer (above 1: the subject is faster). */
export function ratios(
  subject: Measurement,
  peers: readonly Measurement[],
  goals: readonly Goal[] = [],
): Ratio[] {
  return peers.map((peer) => {
    const ratio = subject.opsPerSecond / peer.opsPerSecond;
    const goal = goals.find((candidate) => candidate.peer === peer.name)?.minRatio;
    return goal === undefined
      ? { peer: peer.name, ratio }
      : { peer: peer.name, ratio, goal, met: ratio >= goal };
  });
}

/** Renders a suite's results as plain text lines. */
export function formatReport(
  suite: Suite,
  measurements: readonly Measurement[],
  results: readonly Ratio[],
): string[] {
  const width = Math.max(...measurements.map((measurement) => measurement.name.length));
  return [
    `# ${suite.name}: ${suite.description}`,
    ...measurements.map(
      (measurement) =>
        `  ${measurement.name.padEnd(width)}  ${Math.round(measurement.opsPerSecond).toLocaleString('en-US').padStart(14)} ops/s  (${measurement.samples} samples)`,
    ),
    ...results.map(
      (result) =>
        `  ${suite.subject.name} / ${result.peer}: ${result.ratio.toFixed(2)}x${
          result.goal === undefined ? '' : ` (goal >= ${result.goal}x: ${result.met ? 'met' : 'NOT met'})`
        }`,
    ),
  ];
}

/** Runs a suite with tinybench and returns its measurements, subject first. */
export async function measure(suite: Suite, options: { timeMs?: number } = {}): Promise<Measurement[]> {
  const bench = new Bench({ name: suite.name, time: options.timeMs ?? 1_000 });
  for (const task of [suite.subject, ...suite.peers]) bench.add(task.name, task.fn);
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (!result || !('throughput' in result))
      throw new Error(`Benchmark task "${task.name}" did not complete`);
    return { name: task.name, opsPerSecond: result.throughput.mean, samples: result.latency.samplesCount };
  });
}

/**
 * A suite that runs a whole scenario by itself (child processes, a sandbox over HTTP) instead of a function in a
 * tinybench loop, and reports its figures as rows, each optionally checked against a goal.
 */
export interface ScenarioSuite {
  /** Short name, used to pick the suite on the command line (`pnpm bench -- sync`). */
  readonly name: string;
  /** What the suite shows and which goals it checks. */
  readonly description: string;
  /** Runs the scenario and returns its figures. */
  readonly run: () => Promise<readonly Figure[]>;
}

/** One measured figure of a {@link ScenarioSuite}; with a goal it is checked (`met`). */
export interface Figure {
  /** What was measured, e.g. `100k: peak RSS of the sync process`. */
  readonly label: string;
  /** The value as printed, with its unit. */
  readonly value: string;
  /** The goal as printed, e.g. `<= 200 MB`. */
  readonly goal?: string | undefined;
  /** Whether the goal was met; `undefined` for a figure without a goal. */
  readonly met?: boolean | undefined;
}

/** Renders a scenario suite's figures as a table of plain text lines, with PASS/FAIL per goal. */
export function formatFigures(suite: ScenarioSuite, figures: readonly Figure[]): string[] {
  const labelWidth = Math.max(0, ...figures.map((figure) => figure.label.length));
  const valueWidth = Math.max(0, ...figures.map((figure) => figure.value.length));
  return [
    `# ${suite.name}: ${suite.description}`,
    ...figures.map((figure) => {
      const row = `  ${figure.label.padEnd(labelWidth)}  ${figure.value.padStart(valueWidth)}`;
      if (figure.goal === undefined) return row.trimEnd();
      return `${row}  (goal ${figure.goal}: ${figure.met ? 'PASS' : 'FAIL'})`;
    }),
  ];
}
