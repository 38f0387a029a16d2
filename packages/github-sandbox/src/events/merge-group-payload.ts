import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type MergeGroupEvent = Extract<SandboxEvent, { name: "merge_group" }>;

/**
 * `merge_group`: the group's head and base (`merge-group` of GitHub's webhook schema) with its
 * head commit as a `simple-commit`, and the `reason` of a `destroyed`.
 */
export async function mergeGroupPayload(state: SandboxState, links: Links, event: MergeGroupEvent): Promise<Payload> {
  const { repo, group } = event;
  const payload = basePayload(state, links, "merge_group", event.action, repo, event.sender);
  const commit = await repo.git.getCommit(group.headSha);
  if (!commit) throw new Error(`merge_group: the group's commit ${group.headSha} is gone`);
  payload.merge_group = {
    head_sha: group.headSha,
    head_ref: group.headRef,
    base_sha: group.baseSha,
    base_ref: group.baseRef,
    head_commit: {
      id: commit.sha,
      tree_id: commit.tree,
      message: commit.message.replace(/\n$/, ""),
      timestamp: commit.committer.date,
      author: { name: commit.author.name, email: commit.author.email },
      committer: { name: commit.committer.name, email: commit.committer.email },
    },
  };
  delete payload.reason;
  if (event.reason !== undefined) payload.reason = event.reason;
  return payload;
}
