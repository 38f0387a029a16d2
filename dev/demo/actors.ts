import { ProbotOctokit } from "probot";
import type { Sandbox } from "@autopilot/github-sandbox";
import type { AutopilotOnSandbox } from "../autopilot-on-sandbox.js";

export type DemoOctokit = InstanceType<typeof ProbotOctokit>;

/** `acme/widgets`, the seeded repository the story plays on. */
export const repoRef = { owner: "acme", repo: "widgets" } as const;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The people of the story: each acts with their own user token, through the REST API only. */
export interface DemoActors {
  /** octocat: admin of acme/widgets and the owner Autopilot's configuration names */
  owner: DemoOctokit;
  /** the simulated coding agent, a writer on the repository, pushing through the Git Data API */
  agent: DemoOctokit;
  /** the CI system, a writer reporting commit statuses */
  ci: DemoOctokit;
  /** REST and GraphQL calls the story's actors made (reading back included) */
  calls(): number;
}

export const agentLogin = "widget-agent";
export const ciLogin = "acme-ci";

/** Creates the actors on the sandbox: the agent and CI get write access, as a team would grant it. */
export function createActors(sandbox: Sandbox): DemoActors {
  let calls = 0;
  const client = (login: string): DemoOctokit => {
    const octokit = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: { token: sandbox.userToken(login) },
      log: silent,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    octokit.hook.before("request", () => {
      calls += 1;
    });
    return octokit;
  };
  sandbox.state.setPermission(sandbox.repo, agentLogin, "write");
  sandbox.state.setPermission(sandbox.repo, ciLogin, "write");
  return { owner: client(sandbox.userLogin), agent: client(agentLogin), ci: client(ciLogin), calls: () => calls };
}

/** What every step works with: the sandbox, Autopilot connected to it, and the actors. */
export interface DemoWorld {
  sandbox: Sandbox;
  autopilot: AutopilotOnSandbox;
  actors: DemoActors;
}

/**
 * A commit on `branch` through the Git Data API, as a coding agent pushes (null deletes a path): a tree on top of the
 * branch head, a commit, then a fast-forward of the ref (GitHub emits `push` and
 * `pull_request.synchronize`).
 */
export async function pushCommit(
  octokit: DemoOctokit,
  branch: string,
  message: string,
  files: Record<string, string | null>,
): Promise<string> {
  const head = (await octokit.rest.repos.getBranch({ ...repoRef, branch })).data.commit;
  const tree = await octokit.rest.git.createTree({
    ...repoRef,
    base_tree: head.commit.tree.sha,
    // null deletes the path, as GitHub's tree API does with `sha: null`
    tree: Object.entries(files).map(([path, content]) =>
      content === null
        ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path, mode: "100644" as const, type: "blob" as const, content },
    ),
  });
  const commit = await octokit.rest.git.createCommit({ ...repoRef, message, tree: tree.data.sha, parents: [head.sha] });
  await octokit.rest.git.updateRef({ ...repoRef, ref: `heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

/** Marks a draft PR ready for review, as its author would (GitHub offers this only in GraphQL). */
export async function markReady(octokit: DemoOctokit, nodeId: string): Promise<void> {
  await octokit.graphql(
    "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
    { id: nodeId },
  );
}

/** Replaces `.github/autopilot.yml` on the default branch through the contents API, as an owner commits it. */
export async function commitConfig(octokit: DemoOctokit, yaml: string, message: string): Promise<void> {
  const current = (await octokit.rest.repos.getContent({ ...repoRef, path: ".github/autopilot.yml" })).data;
  const sha = Array.isArray(current) ? undefined : current.sha;
  await octokit.rest.repos.createOrUpdateFileContents({
    ...repoRef,
    path: ".github/autopilot.yml",
    message,
    content: Buffer.from(yaml).toString("base64"),
    ...(sha ? { sha } : {}),
  });
}

/**
 * CI reporting `ci/test` on the PR's head, as it would on every new head: when Autopilot brings
 * the branch up to date with its base (update-branch), CI runs again and reports on the new head.
 * Returns the heads it reported on.
 */
export async function reportCi(world: DemoWorld, pullNumber: number, state: "success" | "failure"): Promise<string[]> {
  const { ci } = world.actors;
  const reported: string[] = [];
  for (let round = 0; round < 3; round += 1) {
    const { head, merged } = (await ci.rest.pulls.get({ ...repoRef, pull_number: pullNumber })).data;
    if (merged || reported.includes(head.sha)) break;
    await ci.rest.repos.createCommitStatus({
      ...repoRef,
      sha: head.sha,
      state,
      context: "ci/test",
      description: state === "success" ? "412 tests passed" : "3 tests failed",
    });
    reported.push(head.sha);
    await world.autopilot.settle();
  }
  return reported;
}
