import type { HandlerRegistry, RestContext } from "../rest-context.js";

export function registerPullHandlers(_server: HandlerRegistry, _ctx: RestContext): void {
  // filled in by the pulls handlers
}
