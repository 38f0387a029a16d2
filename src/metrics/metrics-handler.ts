import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppMetrics } from "./app-metrics.js";

/**
 * `GET /metrics` on Probot's server: the instance's counters in Prometheus's text format. It
 * holds no secret (event names, route templates, model names, counts), but it tells anyone who
 * can reach it how busy the app is: expose it to the scraper only (see docs/deployment.md).
 */
export function metricsHandler(metrics: AppMetrics) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") return false;
    const body = await metrics.text();
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(body);
    return true;
  };
}
