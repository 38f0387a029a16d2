import type { HandlerRegistry, RestContext } from "../rest-context.js";

export function registerRepoHandlers(_server: HandlerRegistry, _ctx: RestContext): void {
  // filled in by the repos handlers
}
