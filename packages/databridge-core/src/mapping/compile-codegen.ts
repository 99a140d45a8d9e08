import { compileTest, type ValueTest } from './compile-condition.js';
import { compileStep, type StepFn } from './compile-step.js';
import type { MappingContext, MappingResult } from './context.js';
import { isEmpty } from './empty.js';
import { mustParsePath, type PathSegment } from './path.js';
import { FieldFailure, SkipRecordSignal } from './signals.js';
import type { FieldSpec, MappingSpec, Scalar, Transform, ValueRule } from './spec-types.js';
import { toText } from './values.js';

/** What a generated factory receives: compiled steps, tests and helpers, never spliced into the code. */
interface CodegenRuntime {
  readonly steps: readonly (readonly StepFn[])[];
  readonly consts: readonly (Scalar | undefined)[];
  readonly skipTests: readonly ValueTest[];
  readonly skipReasons: readonly string[];
  readonly names: readonly string[];
  readonly isEmpty: (value: unknown) => boolean;
  readonly toText: (value: unknown) => string;
  readonly failureMessage: (error: unknown) => string;
  readonly FieldFailure: typeof FieldFailure;
  readonly SkipRecordSignal: typeof SkipRecordSignal;
}

type Mapper = (record: unknown, context: MappingContext) => MappingResult;
type Factory = (runtime: CodegenRuntime) => Mapper;

/** A key as code: an index literal or a JSON string literal (never raw spec text). */
const keyCode = (segment: PathSegment): string =>
  typeof segment === 'number' ? String(segment) : JSON.stringify(segment);

/** FNV-1a (32-bit) of a text, as hex; the cache also keeps the full text, so a collision cannot mix two specs. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

const CACHE_LIMIT = 256;
const factories = new Map<string, { readonly key: string; readonly factory: Factory }>();

/** Generates the source of a factory for the active fields, or `undefined` when a target is also a parent. */
function generate(
  fields: readonly FieldSpec[],
  skip: readonly { readonly path: string }[],
): string | undefined {
  const lines: string[] = [];
  // Read plan: every distinct path prefix is one local, read once from its parent.
  const readIndex = new Map<string, string>();
  const slotOf = (path: string): string => {
    let name = 'record';
    let prefix = '';
    for (const segment of mustParsePath(path)) {
      prefix += typeof segment === 'number' ? `[${segment}]` : `.${JSON.stringify(segment)}`;
      let next = readIndex.get(prefix);
      if (next === undefined) {
        next = `s${readIndex.size + 1}`;
        lines.push(
          `const ${next} = ${name} !== null && typeof ${name} === 'object' ? ${name}[${keyCode(segment)}] : undefined;`,
        );
        readIndex.set(prefix, next);
      }
      name = next;
    }
    return name;
  };
  const skipSlots = skip.map((rule) => slotOf(rule.path));
  // Rules read their paths first, so every read is hoisted before the skip tests and fields.
  const ruleCode = (rule: ValueRule, v: string, f: number): string => {
    switch (rule.kind) {
      case 'copy':
        return `${v} = ${slotOf(rule.from)};`;
      case 'constant':
        return `${v} = c${f};`;
      case 'first': {
        const slots = rule.from.map(slotOf);
        return `${v} = undefined; ${slots.map((s) => `if (!isEmpty(${s})) ${v} = ${s}; else`).join(' ')} {}`;
      }
      case 'concat': {
        const sep = JSON.stringify(rule.separator);
        const parts = rule.from.map((part) =>
          typeof part === 'string' ? slotOf(part) : JSON.stringify(part.text),
        );
        return `${v} = undefined; ${parts
          .map(
            (p) =>
              `if (!isEmpty(${p})) ${v} = ${v} === undefined ? toText(${p}) : ${v} + ${sep} + toText(${p});`,
          )
          .join(' ')}`;
      }
    }
  };
  const stepCode = (step: Transform, f: number, k: number, v: string): string => {
    const call = `${v} = st${f}_${k}(${v}, context);`;
    if (step.op === 'trim')
      return `${v} = typeof ${v} === 'string' ? ${v}.trim() : st${f}_${k}(${v}, context);`;
    if (step.op === 'upper')
      return `${v} = typeof ${v} === 'string' ? ${v}.toUpperCase() : st${f}_${k}(${v}, context);`;
    if (step.op === 'lower')
      return `${v} = typeof ${v} === 'string' ? ${v}.toLowerCase() : st${f}_${k}(${v}, context);`;
    return call;
  };

  // Write plan: nested nodes are locals created on first write, in first-write order.
  const nodeIndex = new Map<string, { name: string; parent: string; key: PathSegment; array: boolean }>();
  const leaves = new Set<string>();
  const writes: { node: string; key: PathSegment; chain: string[] }[] = [];
  for (const field of fields) {
    const segments = mustParsePath(field.target);
    let node = 'out';
    let prefix = '';
    const chain: string[] = [];
    segments.forEach((segment, i) => {
      prefix += typeof segment === 'number' ? `[${segment}]` : `.${JSON.stringify(segment)}`;
      if (i === segments.length - 1) {
        leaves.add(prefix);
        writes.push({ node, key: segment, chain });
        return;
      }
      let next = nodeIndex.get(prefix);
      if (next === undefined) {
        next = {
          name: `n${nodeIndex.size + 1}`,
          parent: node,
          key: segment,
          array: typeof segments[i + 1] === 'number',
        };
        nodeIndex.set(prefix, next);
      }
      chain.push(prefix);
      node = next.name;
    });
  }
  if ([...leaves].some((leaf) => nodeIndex.has(leaf))) return undefined;

  const body: string[] = [];
  skipSlots.forEach((slot, s) => {
    body.push(`if (skipTests[${s}](${slot})) return { status: 'skipped', skipped: skipReasons[${s}] };`);
  });
  body.push('const out = {};');
  for (const node of nodeIndex.values()) body.push(`let ${node.name};`);
  body.push('let errors;');
  const factoryLines: string[] = [];
  fields.forEach((field, f) => {
    const v = `v${f}`;
    if (field.rule.kind === 'constant') factoryLines.push(`const c${f} = consts[${f}];`);
    const inner: string[] = [ruleCode(field.rule, v, f)];
    (field.pipe ?? []).forEach((step, k) => {
      factoryLines.push(`const st${f}_${k} = steps[${f}][${k}];`);
      inner.push(stepCode(step, f, k, v));
    });
    if (field.required === true)
      inner.push(`if (isEmpty(${v})) throw new FieldFailure('a value is required');`);
    const write = writes[f] as { node: string; key: PathSegment; chain: string[] };
    const create = write.chain.map((prefix) => {
      const node = nodeIndex.get(prefix) as {
        name: string;
        parent: string;
        key: PathSegment;
        array: boolean;
      };
      return `if (${node.name} === undefined) { ${node.name} = ${node.array ? '[]' : '{}'}; ${node.parent}[${keyCode(node.key)}] = ${node.name}; }`;
    });
    const pipe = field.pipe ?? [];
    const mayThrow = pipe.length > 0 || field.required === true || field.rule.kind === 'concat';
    const compute = mayThrow
      ? `let ${v}; try { ${inner.join(' ')} } catch (error) { if (error instanceof SkipRecordSignal) return { status: 'skipped', skipped: names[${f}] + ': ' + error.reason }; (errors ??= []).push({ field: names[${f}], message: failureMessage(error) }); ${v} = undefined; }`
      : `let ${v}; ${inner.join(' ')}`;
    body.push(compute);
    body.push(
      `if (${v} !== undefined && ${v} !== null) { ${create.join(' ')} ${write.node}[${keyCode(write.key)}] = ${v}; }`,
    );
  });
  body.push("return errors ? { status: 'failed', errors } : { status: 'mapped', output: out };");
  return [
    "'use strict';",
    'const { steps, consts, skipTests, skipReasons, names, isEmpty, toText, failureMessage, FieldFailure, SkipRecordSignal } = runtime;',
    ...factoryLines,
    'return function mapRecord(record, context) {',
    ...lines,
    ...body,
    '};',
  ].join('\n');
}

/**
 * Compiles the active fields of a validated spec into one generated function (`new Function`), or `undefined` when a
 * target path is also the parent of another (the closure backend handles that case). The factory is cached by a hash
 * of the spec; spec text only reaches the code through `JSON.stringify`, and steps, regexes and tables are arguments.
 */
export function compileCodegen(
  spec: MappingSpec,
  fields: readonly FieldSpec[],
  cacheKey: string,
  failureMessage: (error: unknown) => string,
): ((record: unknown, context: MappingContext) => MappingResult) | undefined {
  const hash = fnv1a(cacheKey);
  let entry = factories.get(hash);
  if (entry === undefined || entry.key !== cacheKey) {
    const source = generate(fields, spec.skip ?? []);
    if (source === undefined) return undefined;
    entry = { key: cacheKey, factory: new Function('runtime', source) as Factory };
    if (factories.size >= CACHE_LIMIT) factories.delete(factories.keys().next().value as string);
    factories.set(hash, entry);
  }
  const skipRules = spec.skip ?? [];
  return entry.factory({
    steps: fields.map((field) => (field.pipe ?? []).map(compileStep)),
    consts: fields.map((field) => (field.rule.kind === 'constant' ? field.rule.value : undefined)),
    skipTests: skipRules.map(compileTest),
    skipReasons: skipRules.map((rule) => rule.reason ?? `${rule.path} is ${rule.is}`),
    names: fields.map((field) => field.target),
    isEmpty,
    toText,
    failureMessage,
    FieldFailure,
    SkipRecordSignal,
  });
}
