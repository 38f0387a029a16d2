import type { HandlerRegistry, RestContext } from "../rest-context.js";

export function registerAppHandlers(_server: HandlerRegistry, _ctx: RestContext): void {
  // filled in by the apps handlers
}
