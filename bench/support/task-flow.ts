/**
 * The steps of a task as the people around Autopilot take them on the sandbox: an owner writes a
 * spec and configures the repository, a coding agent pushes through the Git Data API, the author
 * marks the PR ready, a CI reports a status. Scripted review ports stand in for the models.
 */
import type { PortsFor } from "../../src/handlers/review/review-pull.js";
import { callPolicyOf, createScriptedPort, type OutboundRequest, type ScriptedAnswer } from "../../src/llm/index.js";
import type { BenchOctokit } from "./clients.js";

export const repoRef = { owner: "acme", repo: "widgets" };

/** An issue body with a complete task spec. */
export function taskSpec(scope: string, risk = "medium"): string {
  return [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ["${scope}"]`,
    `risk: ${risk}`,
    "refs: [NT-0012]",
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    "```",
  ].join("\n");
}

/** A commit on `branch` through the Git Data API, as a coding agent pushes. */
export async function pushCommit(octokit: BenchOctokit, branch: string, message: string, files: Record<string, string>): Promise<string> {
  const head = (await octokit.rest.repos.getBranch({ ...repoRef, branch })).data.commit;
  const tree = await octokit.rest.git.createTree({
    ...repoRef,
    base_tree: head.commit.tree.sha,
    tree: Object.entries(files).map(([path, content]) => ({ path, mode: "100644" as const, type: "blob" as const, content })),
  });
  const commit = await octokit.rest.git.createCommit({ ...repoRef, message, tree: tree.data.sha, parents: [head.sha] });
  await octokit.rest.git.updateRef({ ...repoRef, ref: `heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

/** The agent's commit message: the trailers the gates look for. */
export const agentMessage = (issue: number, subject: string): string => `${subject}\n\nTask: T-${issue}\nRefs: NT-0012\n`;

/** Replaces `.github/autopilot.yml` on the default branch, as an owner commits it. */
export async function setRepoConfig(octokit: BenchOctokit, yaml: string): Promise<void> {
  const current = (await octokit.rest.repos.getContent({ ...repoRef, path: ".github/autopilot.yml" })).data as { sha: string };
  await octokit.rest.repos.createOrUpdateFileContents({
    ...repoRef,
    path: ".github/autopilot.yml",
    message: "Configure Autopilot",
    sha: current.sha,
    content: Buffer.from(yaml).toString("base64"),
  });
}

/** Marks a PR ready for review as its author does (GraphQL). */
export async function markReady(octokit: BenchOctokit, nodeId: string): Promise<void> {
  await octokit.graphql("mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }", { id: nodeId });
}

/** Review ports answering from a script; they still redact, budget, parse and log as the real ones do. */
export function scriptedReviewers(
  assistantManager: (request: OutboundRequest) => ScriptedAnswer,
  manager: (request: OutboundRequest) => ScriptedAnswer,
): PortsFor {
  return (config) => {
    const policy = { ...callPolicyOf(config.review), sleep: async () => undefined };
    return {
      assistantManager: createScriptedPort({ ...policy, answers: assistantManager }),
      manager: createScriptedPort({ ...policy, answers: manager }),
    };
  };
}
