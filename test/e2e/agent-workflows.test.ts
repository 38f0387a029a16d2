import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { markReady as markReadyAs, pushCommit } from "../../dev/demo/actors.js";
import {
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
  type TestOctokit,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const agentsDir = join(import.meta.dirname, "../../docs/agents");
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const accept = () =>
  scriptedReviewers(
    () => ({ output: { risks: [], missing_deliverables: [], test_gaps: [], followups: [] } }),
    () => ({
      output: {
        decision: "accept",
        recommended_status: "done",
        next_actions: [],
        summary: "Meets the spec.",
        reasons: ["done"],
      },
    }),
  );

/** The agent's own GitHub App (not Autopilot's), with what the workflow's app token may do. */
function asAgentApp(h: AppHarness, slug = "widget-agent"): TestOctokit {
  const permissions = { metadata: "read", contents: "write", pull_requests: "write" };
  const installation = h.sandbox.state.installOtherApp({ id: 4242, slug, name: slug, ownerLogin: "acme", permissions });
  h.sandbox.auth.grantInstallation(installation.id, permissions);
  const token = h.sandbox.auth.createInstallationToken(installation.id).token;
  return new ProbotOctokit({
    baseUrl: h.sandbox.apiUrl,
    auth: { token },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/**
 * Each ready-to-copy workflow in docs/agents/, committed as `.github/workflows/agent.yml` with the
 * configuration documented beside it: the sandbox accepts the dispatch (it refuses inputs the
 * workflow does not declare, as GitHub does), and a scripted runner that plays the workflow's steps
 * (push with the agent app's token, trailers, mark ready) closes the loop to a merge.
 */
describe.each(["claude-code", "codex", "openhands"])("the docs/agents/%s workflow", (name) => {
  let h: AppHarness;
  beforeEach(async () => {
    h = await startAppHarness({ reviewPorts: accept() });
  });
  afterEach(() => h?.close());

  it("is dispatched with the inputs it declares, and its steps close the loop to a merge", async () => {
    const workflowText = readFileSync(join(agentsDir, `${name}.yml`), "utf8");
    const declared = Object.keys(
      (parse(workflowText) as { on: { workflow_dispatch: { inputs: object } } }).on.workflow_dispatch.inputs,
    );
    const path = ".github/workflows/agent.yml";
    const current = (await h.user.rest.repos.getContent({ ...repo, path })).data as { sha: string };
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      sha: current.sha,
      message: `Agent: ${name}`,
      content: Buffer.from(workflowText).toString("base64"),
    });
    const documented = readFileSync(join(agentsDir, `${name}.autopilot.yml`), "utf8").replace(
      "my-agent-app[bot]",
      "widget-agent[bot]",
    );
    await setRepoConfig(h, `${documented}merge:\n  required_checks: [ci/test]\nowners: [octocat]\n`);

    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
    const dispatch = h.sandbox.repo.workflowDispatches[0]!;
    expect(dispatch).toMatchObject({ workflowId: "agent.yml", ref: "main" });
    expect(Object.keys(dispatch.inputs ?? {}).sort()).toEqual(declared.sort());
    const inputs = dispatch.inputs as Record<string, string>;
    expect(inputs).toMatchObject({
      task: `T-${issue}`,
      branch,
      task_file: `ops/tasks/T-${issue}.md`,
      pr: String(pull.number),
    });

    // the runner: read the task file, commit with the trailers, push with the agent app's token, mark ready
    const agent = asAgentApp(h);
    const taskFile = (
      await agent.rest.repos.getContent({
        ...repo,
        path: inputs.task_file!,
        ref: inputs.branch!,
        mediaType: { format: "raw" },
      })
    ).data as unknown as string;
    expect(taskFile).toContain("### How to deliver (Autopilot)");
    await pushCommit(agent, inputs.branch!, `Page by 50\n\nTask: ${inputs.task}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await h.settle();
    const agentsPull = (await agent.rest.pulls.get({ ...repo, pull_number: Number(inputs.pr) })).data;
    expect(agentsPull.head.ref).toBe(inputs.branch); // the pr input is the task branch's PR (OpenHands works on its head)
    const node = agentsPull.node_id;
    await markReadyAs(agent, node);
    await h.settle();

    // CI reports on each head the app leaves (an update-branch makes a new one)
    for (let round = 0; round < 3; round += 1) {
      const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
      if (merged) break;
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
      await h.settle();
    }
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });
});

/**
 * Copilot's coding agent as docs/agents/README.md says to use it: no app can start it, so
 * `dispatch.target: none`; a person assigns it with the task branch as base, it opens its own PR
 * from `copilot/...` into the task branch, which Autopilot does not judge (only the secret scan)
 * and never merges; the person merges it with the trailers and marks the task PR ready, which
 * then goes through Autopilot's gates and review to a merge.
 */
describe("Copilot's coding agent, used as docs/agents/README.md says", () => {
  let h: AppHarness;
  beforeEach(async () => {
    h = await startAppHarness({ reviewPorts: accept() });
  });
  afterEach(() => h?.close());

  it("works on its own PR into the task branch; the task PR closes the loop", async () => {
    const config = 'dispatch:\n  target: none\nagent_accounts:\n  - "copilot-swe-agent[bot]"\n';
    await setRepoConfig(h, `${config}merge:\n  required_checks: [ci/test]\nowners: [octocat]\n`);
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(0);

    // Copilot (an app of its own) branches from the task branch and opens its draft PR into it
    const copilot = asAgentApp(h, "copilot-swe-agent");
    const base = (await copilot.rest.repos.getBranch({ ...repo, branch })).data.commit.sha;
    await copilot.rest.git.createRef({ ...repo, ref: "refs/heads/copilot/paginate-widget-lists", sha: base });
    await pushCommit(copilot, "copilot/paginate-widget-lists", "Page widget lists by 50", {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    const own = (
      await copilot.rest.pulls.create({
        ...repo,
        head: "copilot/paginate-widget-lists",
        base: branch,
        title: "Paginate widget lists",
        draft: true,
      })
    ).data;
    await h.settle();
    const checksOnOwn = (await h.user.rest.checks.listForRef({ ...repo, ref: own.head.sha })).data.check_runs;
    expect(checksOnOwn.map((run) => run.name)).toEqual(["autopilot/secrets"]);

    // a person reviews Copilot's PR and merges it into the task branch, with the trailers
    await h.user.graphql(
      "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
      { id: own.node_id },
    );
    await h.user.rest.pulls.merge({
      ...repo,
      pull_number: own.number,
      merge_method: "squash",
      commit_title: "Page widget lists by 50",
      commit_message: `Task: T-${issue}\nRefs: NT-0012`,
    });
    await h.settle();
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: own.number })).data.merged).toBe(true);

    // then marks the task PR ready: Autopilot's gates and review judge it, and it merges
    await markReadyAs(h.user, pull.node_id);
    await h.settle();
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    const gates = (await h.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs;
    expect(gates.filter((run) => run.name === "autopilot/concordance").map((run) => run.conclusion)).toEqual([
      "success",
    ]);
    for (let round = 0; round < 3; round += 1) {
      const current = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
      if (current.merged) break;
      await h.ci.rest.repos.createCommitStatus({
        ...repo,
        sha: current.head.sha,
        state: "success",
        context: "ci/test",
      });
      await h.settle();
    }
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });
});
