import { compileCodegen } from './compile-codegen.js';
import { compileTest, type ValueTest } from './compile-condition.js';
import { compileSetter, type Setter } from './compile-path.js';
import { compileRule, type RuleFn } from './compile-rule.js';
import { chainSteps, compileStep, type StepFn } from './compile-step.js';
import type { FieldError, MappingContext, MappingResult } from './context.js';
import { isEmpty } from './empty.js';
import { validateMappingSpec } from './parse-spec.js';
import type { PathSegment } from './path.js';
import { createReadPlan } from './read-plan.js';
import { FieldFailure, SkipRecordSignal } from './signals.js';
import type { FieldDirection, FieldSpec, MappingSpec } from './spec-types.js';
import { createWritePlan, type WriteTarget } from './write-plan.js';

/** Which way a mapping runs; fields marked for the other way are left out. */
export type RunDirection = Exclude<FieldDirection, 'both'>;

/** Options for {@link compileMapping}. */
export interface CompileMappingOptions {
  /** The direction of a two-way profile this mapping runs in; default `source_to_target`. */
  readonly direction?: RunDirection | undefined;
  /** Validate the spec first (default `true`); turn off only for a spec that {@link validateMappingSpec} passed. */
  readonly validate?: boolean | undefined;
  /**
   * How the spec is compiled: `closures` (default; no `eval`/`new Function`, safe under a strict CSP) or `codegen`
   * (opt-in, for trusted server paths: one function generated with `new Function` from the validated spec, spec text
   * escaped with `JSON.stringify`, steps and tables passed in as arguments, cached by a hash of the spec). Both give
   * identical results; `codegen` falls back to closures when a target path is also the parent of another.
   */
  readonly backend?: 'closures' | 'codegen' | undefined;
}

/** A compiled mapping: maps one record. Synchronous and not re-entrant (steps never call back into it). */
export type CompiledMapping = (record: unknown, context?: MappingContext) => MappingResult;

const NO_CONTEXT: MappingContext = {};

/** Whether a field takes part in a run in `direction`. */
export function fieldRunsIn(field: FieldSpec, direction: RunDirection): boolean {
  const own = field.direction ?? 'both';
  return own === 'both' || own === direction;
}

/** A thrown value as a field error message. */
export function failureMessage(error: unknown): string {
  if (error instanceof FieldFailure) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Compiles a spec once into flat tables and closures (no parsing per record, no `eval` or `new Function`):
 * - a read plan reads every distinct source path (and shared prefix) once per record into numbered slots;
 * - each field is a slot number or a rule closure, a chained pipeline closure and a target node and key;
 * - a write plan creates nested output objects and arrays on first write.
 *
 * The closure maps a record to `{status: 'mapped', output}`, `{status: 'skipped', skipped}` or
 * `{status: 'failed', errors}` (every failed field, named by its target path).
 */
export function compileMapping(spec: MappingSpec, options: CompileMappingOptions = {}): CompiledMapping {
  const checked = options.validate === false ? spec : validateMappingSpec(spec);
  const direction = options.direction ?? 'source_to_target';
  const reads = createReadPlan();

  const skipRules = checked.skip ?? [];
  const skipSlots = skipRules.map((rule) => reads.slotOf(rule.path));
  const skipTests: ValueTest[] = skipRules.map(compileTest);
  const skipReasons = skipRules.map((rule) => rule.reason ?? `${rule.path} is ${rule.is}`);

  const active = checked.fields.filter((field) => fieldRunsIn(field, direction));
  if (options.backend === 'codegen') {
    const generated = compileCodegen(checked, active, JSON.stringify([direction, checked]), failureMessage);
    if (generated !== undefined) return (record, context = NO_CONTEXT) => generated(record, context);
  }
  const count = active.length;
  const names = active.map((field) => field.target);
  const rules = active.map((field) => compileRule(field.rule, reads));
  const copySlots = rules.map((rule) => (typeof rule === 'number' ? rule : -1));
  const ruleFns = rules.map((rule) => (typeof rule === 'number' ? undefined : rule));
  const pipes: (StepFn | undefined)[] = active.map((field) =>
    chainSteps((field.pipe ?? []).map(compileStep)),
  );
  const required = active.map((field) => field.required === true);

  const writes = createWritePlan(names);
  const targets = writes.targets ?? [];
  const targetNodes = targets.map((target) => target.node);
  const targetKeys = targets.map((target) => target.key);
  // Only when a path is both a value and a parent (`x` and `x.y`): a generic setter per field.
  const setters: Setter[] | undefined = writes.targets ? undefined : names.map(compileSetter);

  // Reused between records: the mapping is synchronous and steps never call back into it.
  const slots: unknown[] = new Array(reads.size()).fill(undefined);
  const nodes: unknown[] = new Array(writes.size).fill(undefined);

  return (record, context = NO_CONTEXT) => {
    reads.read(record, slots);
    for (let s = 0; s < skipTests.length; s++)
      if ((skipTests[s] as ValueTest)(slots[skipSlots[s] as number]))
        return { status: 'skipped', skipped: skipReasons[s] as string };
    const output: Record<string, unknown> = {};
    nodes[0] = output;
    for (let n = 1; n < nodes.length; n++) nodes[n] = undefined;
    let errors: FieldError[] | undefined;
    let i = 0;
    // One try around the loop (cheaper than one per field); after a failure the loop resumes at the next field.
    while (i < count) {
      try {
        for (; i < count; i++) {
          const slot = copySlots[i] as number;
          let value = slot >= 0 ? slots[slot] : (ruleFns[i] as RuleFn)(slots);
          const pipe = pipes[i];
          if (pipe !== undefined) value = pipe(value, context);
          if (required[i] && isEmpty(value)) throw new FieldFailure('a value is required');
          if (value === undefined || value === null) continue;
          if (setters !== undefined) {
            (setters[i] as Setter)(output, value);
            continue;
          }
          const node = nodes[targetNodes[i] as number];
          if (node !== undefined)
            (node as Record<PathSegment, unknown>)[targetKeys[i] as PathSegment] = value;
          else writes.write(nodes, targets[i] as WriteTarget, value);
        }
      } catch (error) {
        if (error instanceof SkipRecordSignal)
          return { status: 'skipped', skipped: `${names[i] as string}: ${error.reason}` };
        errors = errors ?? [];
        errors.push({ field: names[i] as string, message: failureMessage(error) });
        i++;
      }
    }
    return errors ? { status: 'failed', errors } : { status: 'mapped', output };
  };
}
