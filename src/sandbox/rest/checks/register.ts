import type { HandlerRegistry, RestContext } from "../rest-context.js";

export function registerCheckHandlers(_server: HandlerRegistry, _ctx: RestContext): void {
  // filled in by the checks handlers
}
