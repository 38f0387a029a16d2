import type { IncomingMessage, ServerResponse } from "node:http";

/** `GET /healthz`: liveness for load balancers and container orchestrators. */
export function healthHandler(version: string) {
  const startedAt = Date.now();
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok", version, uptime_s: Math.round((Date.now() - startedAt) / 1000) }));
    return true;
  };
}
