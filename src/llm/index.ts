export type {
  LlmCallReport,
  LlmLogger,
  LlmMessage,
  LlmOutcome,
  LlmPort,
  LlmPrices,
  LlmProvider,
  LlmResult,
  LlmRole,
  LlmUsage,
  ReasoningEffort,
  StructuredCall,
} from "./llm-port.js";
export type { OutboundRequest } from "./provider-transport.js";
export type { CallPolicy } from "./structured-port.js";
export { createAnthropicPort, type AnthropicPortOptions } from "./anthropic-port.js";
export { createOpenAiPort, type OpenAiPortOptions } from "./openai-port.js";
export {
  createScriptedPort,
  type ScriptedAnswer,
  type ScriptedAnswers,
  type ScriptedLlmPort,
  type ScriptedPortOptions,
} from "./scripted-port.js";
export {
  apiKeyVariable,
  callPolicyOf,
  createLlmPort,
  type CreateLlmPortOptions,
  type LlmRoleConfig,
} from "./create-llm-port.js";
export {
  anthropicSafetyFactor,
  conservativeCounter,
  estimateRequestTokens,
  estimateTokens,
  tokenCounterFor,
  type TokenCounter,
} from "./estimate-tokens.js";
export { bpeCount, openAiEncodingOf } from "./tokenizer.js";
export { estimateCost, type CostEstimate } from "./estimate-cost.js";
