import { labelJson } from "../represent/label.js";
import { pullRequestJson } from "../represent/pull-request.js";
import { reviewJson } from "../represent/review.js";
import { reviewCommentJson } from "../represent/review-comment.js";
import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type PullEvent = Extract<SandboxEvent, { name: "pull_request" }>;
type ReviewEvent = Extract<SandboxEvent, { name: "pull_request_review" }>;
type ReviewCommentEvent = Extract<SandboxEvent, { name: "pull_request_review_comment" }>;

/** `pull_request`: number, the full pull request, and `before`/`after` for a synchronize. */
export async function pullRequestPayload(state: SandboxState, links: Links, event: PullEvent): Promise<Payload> {
  const payload = basePayload(state, links, "pull_request", event.action, event.repo, event.sender);
  payload.number = event.pull.number;
  payload.pull_request = await pullRequestJson(event.repo, event.pull, links, "webhook");
  for (const key of ["label", "changes", "before", "after", "reason"]) delete payload[key];
  if (event.reason !== undefined) payload.reason = event.reason;
  if (event.label) payload.label = labelJson(event.label, event.repo, links);
  if (event.changes) payload.changes = event.changes;
  if (event.before !== undefined) payload.before = event.before;
  if (event.after !== undefined) payload.after = event.after;
  return payload;
}

/** `pull_request_review`: the review and the pull request it is on. */
export async function pullRequestReviewPayload(
  state: SandboxState,
  links: Links,
  event: ReviewEvent,
): Promise<Payload> {
  const payload = basePayload(state, links, "pull_request_review", event.action, event.repo, event.sender);
  // webhooks spell the state in lower case (`approved`), the REST API in upper case (`APPROVED`)
  payload.review = { ...reviewJson(event.repo, event.review, links), state: event.review.state.toLowerCase() };
  payload.pull_request = await pullRequestJson(event.repo, event.pull, links, "webhook");
  return payload;
}

/** `pull_request_review_comment`: the comment (where it is at the head) and the pull request it is on. */
export async function pullRequestReviewCommentPayload(
  state: SandboxState,
  links: Links,
  event: ReviewCommentEvent,
): Promise<Payload> {
  const payload = basePayload(state, links, "pull_request_review_comment", event.action, event.repo, event.sender);
  payload.comment = reviewCommentJson(event.repo, event.comment, event.placement, links);
  payload.pull_request = await pullRequestJson(event.repo, event.pull, links, "webhook");
  delete payload.changes;
  if (event.changes) payload.changes = event.changes;
  return payload;
}
