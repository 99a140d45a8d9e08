export {
  type FieldOptions,
  type FieldStart,
  type FieldSteps,
  type MappingBuilder,
  mapping,
  type UnmappedOptions,
} from './builder.js';
export {
  type CompiledMapping,
  type CompileMappingOptions,
  compileMapping,
  type RunDirection,
} from './compile-mapping.js';
export type { FieldError, LookupCache, MappingContext, MappingResult } from './context.js';
export { interpretMapping } from './interpret.js';
export { MappingSpecError, type MappingSpecIssue } from './mapping-spec-error.js';
export { type ParseMappingSpecOptions, parseMappingSpec, validateMappingSpec } from './parse-spec.js';
export { type PathSegment, parsePath } from './path.js';
export * from './ready/index.js';
export { mappingSpecSchema } from './spec-schema.js';
export type * from './spec-types.js';
export type { TargetPath } from './target-path.js';
