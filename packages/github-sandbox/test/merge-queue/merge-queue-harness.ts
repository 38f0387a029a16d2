import { ProbotOctokit } from "probot";
import { mergeQueueRuleset } from "../../src/queue/merge-queue-ruleset.js";
import {
  describeDelivery,
  startSandboxHarness,
  type SandboxHarness,
  type SeenDelivery,
  type TestOctokit,
} from "../e2e/sandbox-harness.js";

export const repo = { owner: "acme", repo: "widgets" };

export interface QueueOptions {
  /** required status checks of the ruleset (none: the group merges once built) */
  checks?: { context: string; integration_id?: number }[];
  mergeMethod?: "MERGE" | "SQUASH" | "REBASE";
}

/** What an administrator does on github.com: a ruleset putting the default branch under a merge queue. */
export async function configureMergeQueue(h: SandboxHarness, options: QueueOptions = {}): Promise<number> {
  const { data } = await h.user.rest.repos.createRepoRuleset({
    ...repo,
    ...mergeQueueRuleset({
      ...(options.checks && { checks: options.checks }),
      ...(options.mergeMethod && { mergeMethod: options.mergeMethod }),
    }),
  });
  return data.id;
}

export interface OpenedPull {
  number: number;
  nodeId: string;
  head: string;
  branch: string;
}

/** A branch off main with one file, and a pull request from it opened by the app. */
export async function openPull(
  h: SandboxHarness,
  branch: string,
  files: Record<string, string>,
  options: { draft?: boolean } = {},
): Promise<OpenedPull> {
  const main = (await h.app.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
  await h.app.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main });
  for (const [path, content] of Object.entries(files)) {
    await h.app.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      branch,
      message: `Change ${path}`,
      content: Buffer.from(content).toString("base64"),
    });
  }
  const { data } = await h.app.rest.pulls.create({
    ...repo,
    head: branch,
    base: "main",
    title: `Work on ${branch}`,
    draft: options.draft ?? false,
  });
  return { number: data.number, nodeId: data.node_id, head: data.head.sha, branch };
}

/** The raw GraphQL answer: `data` and `errors` (octokit.graphql would throw on errors). */
export async function graphql(
  octokit: TestOctokit,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: Record<string, any>; errors?: { type?: string; message: string }[] }> {
  return (await octokit.request("POST /graphql", { query, variables })).data as {
    data?: Record<string, any>;
    errors?: { type?: string; message: string }[];
  };
}

export const enqueueMutation = `mutation($id: ID!, $head: GitObjectID) {
  enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $head, clientMutationId: "mq" }) {
    clientMutationId
    mergeQueueEntry { id position state enqueuedAt headCommit { oid } baseCommit { oid } pullRequest { number } }
  }
}`;

export const enqueue = (octokit: TestOctokit, pull: OpenedPull, head: string | null = pull.head) =>
  graphql(octokit, enqueueMutation, { id: pull.nodeId, head });

/** The pull request's place in the queue, as a client reads it. */
export async function queueEntryOf(
  octokit: TestOctokit,
  number: number,
): Promise<{ isInMergeQueue: boolean; isMergeQueueEnabled: boolean; mergeQueueEntry: Record<string, any> | null }> {
  const answer = await graphql(
    octokit,
    `query($number: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $number) {
      isInMergeQueue isMergeQueueEnabled mergeQueueEntry { position state headCommit { oid } baseCommit { oid } }
    } } }`,
    { number },
  );
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data?.repository.pullRequest;
}

/** An Octokit acting as `login` with a personal token. */
export function personOctokit(h: SandboxHarness, login: string): TestOctokit {
  return new ProbotOctokit({
    baseUrl: h.sandbox.apiUrl,
    auth: { token: h.sandbox.userToken(login) },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** An Octokit acting as GitHub Actions (a workflow's GITHUB_TOKEN), another app than the sandbox's. */
export function actionsOctokit(h: SandboxHarness): TestOctokit {
  return new ProbotOctokit({
    baseUrl: h.sandbox.apiUrl,
    auth: { token: h.sandbox.actionsToken() },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** The deliveries received since `from` (an index into the receiver's list). */
export function deliveriesSince(h: SandboxHarness, from: number): SeenDelivery[] {
  return h.receiver.received.slice(from).map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
}

/** `pull_request.enqueued`, `push refs/heads/main`, ... : what an app sees, in order. */
export const describeSeen = (seen: SeenDelivery[]): string[] =>
  seen.map((delivery) => {
    const { payload } = delivery;
    if (delivery.event === "push") return `push ${String(payload.ref)}${payload.deleted ? " (deleted)" : ""}`;
    const reason = typeof payload.reason === "string" ? ` ${payload.reason}` : "";
    return `${delivery.event}.${delivery.action ?? ""}${reason}`;
  });

/** The group branches now in the repository. */
/** The `pull_request` deliveries since `from`, as `describeSeen` words them (`pull_request.dequeued MERGE`). */
export const pullRequestEvents = (h: SandboxHarness, from: number): string[] =>
  describeSeen(deliveriesSince(h, from)).filter((line) => line.startsWith("pull_request."));

export async function queueBranches(h: SandboxHarness): Promise<string[]> {
  const refs = (await h.app.rest.git.listMatchingRefs({ ...repo, ref: "heads/gh-readonly-queue/" })).data;
  return refs.map((ref) => ref.ref);
}

export { startSandboxHarness, type SandboxHarness };
