export { AppMetrics } from "./app-metrics.js";
export type { AppMetricsOptions, ErrorSource, LlmCallSample } from "./app-metrics.js";
export { instrumentOctokit, routeOf } from "./instrument-octokit.js";
export { metricsHandler } from "./metrics-handler.js";
export { jobFieldsOf, observeApp } from "./observe-app.js";
export { meteredPorts } from "./metered-ports.js";
