import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerAdminUserHandlers } from "./admin-users.js";

/** GitHub Enterprise Server's site-admin endpoints the sandbox implements. */
export function registerAdminHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerAdminUserHandlers(server, ctx);
}
