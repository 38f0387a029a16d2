import { registerActionsHandlers } from "./actions/register.js";
import { registerAdminHandlers } from "./admin/register.js";
import { registerAppHandlers } from "./apps/register.js";
import { registerCheckHandlers } from "./checks/register.js";
import { registerIssueHandlers } from "./issues/register.js";
import { registerPullHandlers } from "./pulls/register.js";
import { registerRepoHandlers } from "./repos/register.js";
import type { HandlerRegistry, RestContext } from "./rest-context.js";

/** Every REST (and GraphQL) operation the sandbox implements, registered on one server. */
export function registerRestHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerRepoHandlers(server, ctx);
  registerIssueHandlers(server, ctx);
  registerPullHandlers(server, ctx);
  registerCheckHandlers(server, ctx);
  registerActionsHandlers(server, ctx);
  registerAppHandlers(server, ctx);
  registerAdminHandlers(server, ctx);
}
