import type { HandlerRegistry, RestContext } from "../rest-context.js";

export function registerIssueHandlers(_server: HandlerRegistry, _ctx: RestContext): void {
  // filled in by the issues handlers
}
