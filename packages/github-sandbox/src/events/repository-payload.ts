import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type RepositoryEvent = Extract<SandboxEvent, { name: "repository" }>;

/**
 * `repository` (`archived`, `unarchived`): the repository as it is after the change (its
 * `archived` says which), who changed it and the installation; GitHub's payload carries nothing else.
 */
export function repositoryPayload(state: SandboxState, links: Links, event: RepositoryEvent): Payload {
  return basePayload(state, links, "repository", event.action, event.repo, event.sender);
}
