import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";

/** The `Link` header of a deliveries page: GitHub pages them by cursor, with `rel="next"` only. */
function nextLink(request: SandboxRequest, cursor: string, perPage: number): string {
  const target = new URL(request.url, "http://sandbox.invalid");
  target.searchParams.set("per_page", String(perPage));
  target.searchParams.set("cursor", cursor);
  const origin = request.apiUrl.replace(/\/api\/v3$/, "");
  return `<${origin}${target.pathname}${target.search}>; rel="next"`;
}

/** `GET /app/hook/deliveries`: newest first, `per_page` and `cursor` paging, `status` filter. */
async function listDeliveries(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { per_page: perPage, cursor, status } = request.query;
  const size = Math.min(100, Math.max(1, Number(perPage ?? 30)));
  const page = ctx.deliveries.list({
    per_page: size,
    ...(typeof cursor === "string" ? { cursor } : {}),
    ...(status === "success" || status === "failure" ? { status } : {}),
  });
  return {
    status: 200,
    body: page.deliveries,
    headers: page.next ? { link: nextLink(request, page.next, size) } : {},
  };
}

async function getDelivery(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const record = ctx.deliveries.get(Number(request.params.delivery_id));
  if (!record) throw new SandboxHttpError(404, "Not Found");
  return { status: 200, body: record };
}

/**
 * `POST /app/hook/deliveries/{id}/attempts`: 202 `{}` at once; the redelivery (same GUID and
 * body) is queued behind earlier deliveries and recorded as a new attempt.
 */
async function redeliver(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const id = Number(request.params.delivery_id);
  if (!ctx.deliveries.get(id)) throw new SandboxHttpError(404, "Not Found");
  // the dispatcher records and logs a failed attempt itself; nothing is left to handle here
  ctx.deliveries.redeliver(id).catch(() => undefined);
  return { status: 202, body: {} };
}

export function registerDeliveryHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("apps/list-webhook-deliveries", (request) => listDeliveries(ctx, request));
  server.register("apps/get-webhook-delivery", (request) => getDelivery(ctx, request));
  server.register("apps/redeliver-webhook-delivery", (request) => redeliver(ctx, request));
}
