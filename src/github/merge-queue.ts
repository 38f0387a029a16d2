import type { GithubClient, RepoRef } from "./client.js";
import type { EnqueueAnswer, MergeQueueEntryView } from "./port-types.js";

interface EntryShape {
  state: string;
  position: number;
  headCommit?: { oid: string } | null;
}

const viewOf = (entry: EntryShape): MergeQueueEntryView => ({
  state: entry.state,
  position: entry.position,
  headOid: entry.headCommit?.oid ?? null,
});

/** The `errors` of a GraphQL answer Octokit threw (its `GraphqlResponseError`); empty for any other error. */
const graphqlErrors = (error: unknown): { message?: unknown }[] => {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as { message?: unknown }[]) : [];
};

/**
 * `enqueuePullRequest` pinned to the judged head: GitHub puts the PR in its base's merge queue only
 * while its head is `expectedHeadOid`. GitHub refuses in GraphQL `errors` (HTTP 200): those resolve
 * as `refused` with its words; a network or HTTP error throws as usual.
 */
export async function enqueuePullRequest(
  octokit: GithubClient,
  nodeId: string,
  expectedHeadOid: string,
): Promise<EnqueueAnswer> {
  try {
    const data = await octokit.graphql<{ enqueuePullRequest: { mergeQueueEntry: EntryShape | null } | null }>(
      `mutation($id: ID!, $head: GitObjectID!) {
        enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $head }) {
          mergeQueueEntry { state position headCommit { oid } }
        }
      }`,
      { id: nodeId, head: expectedHeadOid },
    );
    const entry = data.enqueuePullRequest?.mergeQueueEntry;
    if (!entry) return { kind: "refused", message: "GitHub returned no merge queue entry" };
    return { kind: "queued", ...viewOf(entry) };
  } catch (error) {
    const errors = graphqlErrors(error);
    if (errors.length === 0) throw error;
    const message = errors.map((item) => (typeof item.message === "string" ? item.message : "")).join("; ");
    return { kind: "refused", message: message === "" ? "GitHub refused the enqueue" : message };
  }
}

/** The PR's entry in its base's merge queue now; undefined when it is not in the queue. */
export async function readMergeQueueEntry(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  pullNumber: number,
): Promise<MergeQueueEntryView | undefined> {
  const data = await octokit.graphql<{
    repository: { pullRequest: { isInMergeQueue: boolean; mergeQueueEntry: EntryShape | null } | null } | null;
  }>(
    `query($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) {
        pullRequest(number: $number) { isInMergeQueue mergeQueueEntry { state position headCommit { oid } } }
      }
    }`,
    { owner, name: repo, number: pullNumber },
  );
  const pull = data.repository?.pullRequest;
  if (!pull?.isInMergeQueue || !pull.mergeQueueEntry) return undefined;
  return viewOf(pull.mergeQueueEntry);
}

/**
 * Whether the PR's base branch has a merge queue, as GitHub judges it (GraphQL
 * `PullRequest.isMergeQueueEnabled`: a ruleset's `merge_queue` rule or classic branch protection's
 * "Require merge queue", which the rules API does not show). Undefined when this GitHub does not
 * know the field (an older GitHub Enterprise Server): the caller asks the rules API instead.
 */
export async function readMergeQueueEnabled(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  pullNumber: number,
): Promise<boolean | undefined> {
  try {
    const data = await octokit.graphql<{
      repository: { pullRequest: { isMergeQueueEnabled: boolean } | null } | null;
    }>(
      `query($owner: String!, $name: String!, $number: Int!) {
        repository(owner: $owner, name: $name) { pullRequest(number: $number) { isMergeQueueEnabled } }
      }`,
      { owner, name: repo, number: pullNumber },
    );
    return data.repository?.pullRequest?.isMergeQueueEnabled;
  } catch (error) {
    if (graphqlErrors(error).length === 0) throw error;
    return undefined;
  }
}
