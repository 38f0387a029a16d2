import { readWorkflow } from "../rest/checks/workflow-files.js";
import { workflowRunJson } from "../rest/actions/workflow-run-json.js";
import type { Links } from "../represent/index.js";
import { legacyNodeId, type SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type RunEvent = Extract<SandboxEvent, { name: "workflow_run" }>;

/**
 * `workflow_run`: the run as the REST API shows it (over the example's object, which keeps the
 * webhook's own fields), and its workflow as it is at the run's commit.
 */
export async function workflowRunPayload(state: SandboxState, links: Links, event: RunEvent): Promise<Payload> {
  const { repo, run } = event;
  const payload = basePayload(state, links, "workflow_run", event.action, repo, event.sender);
  const example = (payload.workflow_run ?? {}) as Payload;
  payload.workflow_run = { ...example, ...(await workflowRunJson(repo, run, links)) };
  const file = await readWorkflow(state, repo, run.headSha, run.workflowPath);
  const api = `${links.api}/repos/${repo.fullName}`;
  payload.workflow = {
    id: run.workflowId,
    node_id: legacyNodeId("Workflow", run.workflowId),
    name: run.workflowName,
    path: run.workflowPath,
    state: "active",
    created_at: file?.createdAt ?? run.createdAt,
    updated_at: file?.createdAt ?? run.createdAt,
    url: `${api}/actions/workflows/${run.workflowId}`,
    html_url: `${links.web}/${repo.fullName}/blob/${run.headSha}/${run.workflowPath}`,
    badge_url: `${links.web}/${repo.fullName}/workflows/${encodeURIComponent(run.workflowName)}/badge.svg`,
  };
  return payload;
}
