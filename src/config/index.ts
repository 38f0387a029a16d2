export { configFilePath, configSchema } from "./config-schema.js";
export type {
  ConcordanceConfig,
  Config,
  ConfigInput,
  DispatchConfig,
  LabelsConfig,
  MergeConfig,
  MergePolicy,
  ReadinessConfig,
  ReviewConfig,
  SecretsConfig,
  TaskDefaultsConfig,
} from "./config-schema.js";
export type { ConfigIssue, ConfigResult } from "./config-issue.js";
export { maxConfigBytes, parseConfig, tooLargeIssue } from "./parse-config.js";
export type { ParseConfigOptions } from "./parse-config.js";
export { validateConfigObject } from "./validate-config-object.js";
export type { ValidateConfigObjectOptions } from "./validate-config-object.js";
export { formatConfigIssues } from "./format-config-issues.js";
export { defaultConfig } from "./default-config.js";
export { configJsonSchema } from "./config-json-schema.js";
export { jsonSchemaFor, jsonFileText } from "./json-schema-for.js";
export { defaultMergePolicy, mergeDecisions, preferredMergeMethods } from "./merge-schema.js";
export type { DisabledModeDecision, MergeDecision, MergeMethod } from "./merge-schema.js";
export { dispatchTargets, dispatchTemplateVariables, renderDispatchTemplate } from "./dispatch-schema.js";
export type { DispatchTemplateVariable } from "./dispatch-schema.js";
export { defaultModels, llmProviders } from "./review-schema.js";
export type { LlmProvider } from "./review-schema.js";
export { durationMs, durationSchema } from "./duration.js";
export { renderConfigDocs } from "./render-config-docs.js";
export type { RenderConfigDocsOptions } from "./render-config-docs.js";
