import { z } from 'zod';
import { parsePath } from './path.js';
import type { MappingSpec } from './spec-types.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const path = z.string().superRefine((value, ctx) => {
  const parsed = parsePath(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

const flags = z
  .string()
  .regex(/^[imsu]*$/, 'regex flags must be out of "imsu"')
  .optional();

const pattern = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `bad regular expression: ${(error as Error).message}` });
  }
});

const timeZone = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
    } catch {
      ctx.addIssue({ code: 'custom', message: `unknown time zone "${value}"` });
    }
  });

const unmapped = z.enum(['error', 'default', 'skip_record']);
const decimal = z.enum(['.', ',']).optional();

const rule = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('copy'), from: path }),
    z.strictObject({ kind: z.literal('constant'), value: scalar }),
    z.strictObject({ kind: z.literal('first'), from: z.array(path).min(1) }),
    z.strictObject({
      kind: z.literal('concat'),
      from: z.array(z.union([path, z.strictObject({ text: z.string() })])).min(1),
      separator: z.string(),
    }),
  ],
  { error: 'unknown rule: kind must be copy, constant, first or concat' },
);

const step = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('default'), value: scalar }),
    z.strictObject({ op: z.enum(['trim', 'upper', 'lower', 'capitalize']), words: z.boolean().optional() }),
    z.strictObject({
      op: z.literal('regexExtract'),
      pattern,
      flags,
      group: z.union([z.number().int().min(0), z.string()]).optional(),
    }),
    z.strictObject({ op: z.literal('regexReplace'), pattern, flags, replacement: z.string() }),
    z.strictObject({ op: z.literal('parseNumber'), decimal }),
    z.strictObject({
      op: z.literal('formatNumber'),
      decimals: z.number().int().min(0).max(20).optional(),
      decimal,
    }),
    z.strictObject({ op: z.literal('parseDate'), format: z.string().min(1), timeZone }),
    z.strictObject({ op: z.literal('formatDate'), format: z.string().min(1), timeZone }),
    z.strictObject({
      op: z.literal('mapList'),
      table: z.record(z.string(), scalar),
      reverse: z.boolean().optional(),
      ignoreCase: z.boolean().optional(),
      unmapped,
      default: scalar.optional(),
    }),
    z.strictObject({
      op: z.literal('lookup'),
      cache: z.string().min(1),
      ignoreCase: z.boolean().optional(),
      unmapped,
      default: scalar.optional(),
    }),
  ],
  {
    error:
      'unknown step: op must be default, trim, upper, lower, capitalize, regexExtract, regexReplace, parseNumber, formatNumber, parseDate, formatDate, mapList or lookup',
  },
);

const condition = {
  path,
  is: z.enum(['empty', 'notEmpty', 'equals', 'notEquals', 'in', 'matches']),
  value: scalar.optional(),
  values: z.array(scalar).optional(),
  pattern: pattern.optional(),
};

const skipRule = z.strictObject({ ...condition, reason: z.string().optional() }).superRefine((value, ctx) => {
  if (value.is === 'matches' && value.pattern === undefined)
    ctx.addIssue({ code: 'custom', path: ['pattern'], message: '"matches" needs a pattern' });
  if (value.is === 'in' && value.values === undefined)
    ctx.addIssue({ code: 'custom', path: ['values'], message: '"in" needs values' });
  if ((value.is === 'equals' || value.is === 'notEquals') && value.value === undefined)
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${value.is}" needs a value` });
});

const field = z.strictObject({
  target: path,
  rule,
  pipe: z.array(step).optional(),
  direction: z.enum(['both', 'source_to_target', 'target_to_source']).optional(),
  required: z.boolean().optional(),
});

/** The zod schema of a {@link MappingSpec}: strict objects, checked paths, regexes and time zones. */
export const mappingSpecSchema: z.ZodType<MappingSpec> = z.strictObject({
  version: z.literal(1),
  name: z.string().optional(),
  source: z.string().optional(),
  target: z.string().optional(),
  skip: z.array(skipRule).optional(),
  fields: z.array(field),
});
