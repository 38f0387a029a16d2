import type { LlmPort } from "../llm/index.js";
import type { AppMetrics } from "./app-metrics.js";

type Ports = { assistantManager?: LlmPort; manager?: LlmPort };

/** A port whose every call (tokens, cost, outcome) is counted in the app instance's metrics. */
function meteredPort(port: LlmPort, metrics: AppMetrics): LlmPort {
  return {
    provider: port.provider,
    model: port.model,
    call: async (request) => {
      const result = await port.call(request);
      const { provider, model, outcome, usage, costUsd } = result;
      metrics.llmCall({ role: request.role, provider, model, outcome, usage, costUsd });
      return result;
    },
  };
}

/** The review's ports for a configuration, their calls counted in `metrics`. */
export function meteredPorts<C>(portsFor: (config: C) => Ports, metrics: AppMetrics): (config: C) => Ports {
  return (config) => {
    const ports = portsFor(config);
    return {
      ...(ports.assistantManager ? { assistantManager: meteredPort(ports.assistantManager, metrics) } : {}),
      ...(ports.manager ? { manager: meteredPort(ports.manager, metrics) } : {}),
    };
  };
}
