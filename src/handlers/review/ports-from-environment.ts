import { callPolicyOf, createLlmPort } from "../../llm/index.js";
import type { PortsFor } from "../repo-context.js";

/** The ports from the environment's API keys (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`) and base URLs. */
export const portsFromEnvironment: PortsFor = (config) => {
  const policy = callPolicyOf(config.review);
  const assistantManager = createLlmPort(config.review.assistant_manager, policy);
  const manager = createLlmPort(config.review.manager, policy);
  return { ...(assistantManager ? { assistantManager } : {}), ...(manager ? { manager } : {}) };
};
