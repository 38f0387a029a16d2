import { installationJson } from "../represent/installation.js";
import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type InstallationEvent = Extract<SandboxEvent, { name: "installation" }>;

/**
 * `installation`: the installation and, when it is created or deleted, the repositories it covers.
 * `suspend` and `unsuspend` carry neither `repositories` nor `requester`, as GitHub's recorded
 * examples (`@octokit/webhooks-examples`) show them (best reading: the schema allows both).
 */
export function installationPayload(state: SandboxState, links: Links, event: InstallationEvent): Payload {
  const payload = basePayload(state, links, "installation", event.action, undefined, event.sender);
  payload.installation = installationJson(state, links);
  if (!("repos" in event)) {
    delete payload.repositories;
    delete payload.requester;
    return payload;
  }
  payload.repositories = event.repos.map((repo) => ({
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
  }));
  payload.requester = null;
  return payload;
}
