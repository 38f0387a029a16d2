import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { checkRunPayload, checkSuitePayload, statusPayload } from "./check-payloads.js";
import { installationPayload } from "./installation-payload.js";
import { issueCommentPayload, issuesPayload } from "./issue-payloads.js";
import { mergeGroupPayload } from "./merge-group-payload.js";
import type { Payload } from "./payload-base.js";
import { pullRequestPayload, pullRequestReviewCommentPayload, pullRequestReviewPayload } from "./pull-payloads.js";
import { pushPayload } from "./push-payload.js";
import { repositoryPayload } from "./repository-payload.js";
import { reviewThreadPayload } from "./review-thread-payload.js";
import type { SandboxEvent } from "./sandbox-event.js";
import { workflowRunPayload } from "./workflow-run-payload.js";

/** The webhook GitHub sends for an event: its `X-GitHub-Event` name and its payload. */
export async function buildPayload(state: SandboxState, links: Links, event: SandboxEvent): Promise<Payload> {
  switch (event.name) {
    case "issues":
      return issuesPayload(state, links, event);
    case "issue_comment":
      return issueCommentPayload(state, links, event);
    case "pull_request":
      return pullRequestPayload(state, links, event);
    case "pull_request_review":
      return pullRequestReviewPayload(state, links, event);
    case "pull_request_review_comment":
      return pullRequestReviewCommentPayload(state, links, event);
    case "pull_request_review_thread":
      return reviewThreadPayload(state, links, event);
    case "push":
      return pushPayload(state, links, event);
    case "check_suite":
      return checkSuitePayload(state, links, event);
    case "check_run":
      return checkRunPayload(state, links, event);
    case "status":
      return statusPayload(state, links, event);
    case "merge_group":
      return mergeGroupPayload(state, links, event);
    case "workflow_run":
      return workflowRunPayload(state, links, event);
    case "repository":
      return repositoryPayload(state, links, event);
    case "installation":
      return installationPayload(state, links, event);
  }
}
