import { pullRequestJson } from "../represent/pull-request.js";
import { reviewCommentJson } from "../represent/review-comment.js";
import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type ReviewThreadEvent = Extract<SandboxEvent, { name: "pull_request_review_thread" }>;

/**
 * `pull_request_review_thread`: the thread (`node_id` and its comments, each where it is at the
 * head, as `pull_request_review_comment` shows a comment) and the pull request it is on.
 */
export async function reviewThreadPayload(
  state: SandboxState,
  links: Links,
  event: ReviewThreadEvent,
): Promise<Payload> {
  const payload = basePayload(state, links, "pull_request_review_thread", event.action, event.repo, event.sender);
  payload.thread = {
    node_id: event.thread.nodeId,
    comments: event.thread.comments.map(({ comment, placement }) =>
      reviewCommentJson(event.repo, comment, placement, links),
    ),
  };
  payload.pull_request = await pullRequestJson(event.repo, event.pull, links, "webhook");
  delete payload.updated_at;
  return payload;
}
