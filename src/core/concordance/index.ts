// Commit trailers
export { parseTrailers } from "./parse-trailers.js";
export type { ParseTrailersOptions, Trailer } from "./parse-trailers.js";
export { commitIds, commitRefs, isMergeCommitMessage } from "./commit-refs.js";
export type { CommitRefs } from "./commit-refs.js";
export { compareIds, comparePaths, normalizeRefId, normalizeTaskId } from "./ref-id.js";

// Blueprint indices
export {
  blueprintIdSchema,
  blueprintItemSchema,
  blueprintKeyedValueSchema,
  blueprintPaths,
} from "./blueprint-schema.js";
export type { BlueprintEntry, BlueprintIndex } from "./blueprint-schema.js";
export { loadBlueprintIndex } from "./load-blueprint-index.js";

// The autopilot/concordance gate
export { analyzeConcordance } from "./analyze-concordance.js";
export type {
  ConcordanceAnalysis,
  ConcordanceGateInput,
  FindingLevel,
  Problem,
} from "./analyze-concordance.js";
export { concordanceGateName, evaluateConcordanceGate } from "./evaluate-concordance-gate.js";

// Crosswalk
export {
  crosswalkEntrySchema,
  crosswalkSchema,
  crosswalkStatuses,
  emptyCrosswalk,
  normalizeEntry,
} from "./crosswalk-schema.js";
export type { Crosswalk, CrosswalkEntry } from "./crosswalk-schema.js";
export { parseCrosswalk } from "./parse-crosswalk.js";
export { defaultTestPatterns, updateCrosswalk } from "./update-crosswalk.js";
export type { CrosswalkUpdate } from "./update-crosswalk.js";
export { serializeCrosswalk } from "./serialize-crosswalk.js";
