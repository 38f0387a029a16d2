export { registerRestHandlers } from "./register-rest-handlers.js";
export { actorOf, linkHeader, linksOf, paginate, requireRepo } from "./rest-context.js";
export type { HandlerRegistry, PermissionName, RefMove, RepoAccess, RestContext } from "./rest-context.js";
