import { installationJson } from "../represent/installation.js";
import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type InstallationEvent = Extract<SandboxEvent, { name: "installation" }>;

/** `installation`: the installation and the repositories it covers. */
export function installationPayload(state: SandboxState, links: Links, event: InstallationEvent): Payload {
  const payload = basePayload(state, links, "installation", event.action, undefined, event.sender);
  payload.installation = installationJson(state, links);
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
