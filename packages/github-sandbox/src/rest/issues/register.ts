import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerAssigneeHandlers } from "./assignees.js";
import { registerCommentHandlers } from "./comments.js";
import { registerIssueCreateHandler } from "./issue-create.js";
import { registerIssueEventHandlers } from "./list-issue-events.js";
import { registerIssueLabelHandlers } from "./issue-labels.js";
import { registerIssueReadHandlers } from "./issue-list.js";
import { registerIssueLockHandlers } from "./issue-lock.js";
import { registerIssueUpdateHandler } from "./issue-update.js";
import { registerReactionHandlers } from "./reactions.js";
import { registerRepoLabelHandlers } from "./repo-labels.js";

/** Issues (and the issue side of pull requests), their labels, assignees, comments, reactions and events. */
export function registerIssueHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerIssueReadHandlers(server, ctx);
  registerIssueCreateHandler(server, ctx);
  registerIssueUpdateHandler(server, ctx);
  registerIssueLockHandlers(server, ctx);
  registerAssigneeHandlers(server, ctx);
  registerIssueLabelHandlers(server, ctx);
  registerRepoLabelHandlers(server, ctx);
  registerCommentHandlers(server, ctx);
  registerReactionHandlers(server, ctx);
  registerIssueEventHandlers(server, ctx);
}
