import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { markReady as markReadyAs, pushCommit } from "../../src/demo/actors.js";
import { scriptedReviewers, setRepoConfig, startAppHarness, startTask, type AppHarness, type TestOctokit } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const agentsDir = join(import.meta.dirname, "../../docs/agents");
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const accept = () =>
  scriptedReviewers(
    () => ({ output: { risks: [], missing_deliverables: [], test_gaps: [], followups: [] } }),
    () => ({ output: { decision: "accept", recommended_status: "done", next_actions: [], summary: "Meets the spec.", reasons: ["done"] } }),
  );

/** The agent's own GitHub App (not Autopilot's), with what the workflow's app token may do. */
function asAgentApp(h: AppHarness): TestOctokit {
  const permissions = { metadata: "read", contents: "write", pull_requests: "write" };
  const installation = h.sandbox.state.installOtherApp({ id: 4242, slug: "widget-agent", name: "widget-agent", ownerLogin: "acme", permissions });
  h.sandbox.auth.grantInstallation(installation.id, permissions);
  const token = h.sandbox.auth.createInstallationToken(installation.id).token;
  return new ProbotOctokit({ baseUrl: h.sandbox.apiUrl, auth: { token }, log: silent, retry: { enabled: false }, throttle: { enabled: false } });
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
  }, 60_000);
  afterEach(() => h?.close());

  it("is dispatched with the inputs it declares, and its steps close the loop to a merge", async () => {
    const workflowText = readFileSync(join(agentsDir, `${name}.yml`), "utf8");
    const declared = Object.keys((parse(workflowText) as { on: { workflow_dispatch: { inputs: object } } }).on.workflow_dispatch.inputs);
    const path = ".github/workflows/agent.yml";
    const current = (await h.user.rest.repos.getContent({ ...repo, path })).data as { sha: string };
    await h.user.rest.repos.createOrUpdateFileContents({ ...repo, path, sha: current.sha, message: `Agent: ${name}`, content: Buffer.from(workflowText).toString("base64") });
    const documented = readFileSync(join(agentsDir, `${name}.autopilot.yml`), "utf8").replace("my-agent-app[bot]", "widget-agent[bot]");
    await setRepoConfig(h, `${documented}merge:\n  required_checks: [ci/test]\nowners: [octocat]\n`);

    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
    const dispatch = h.sandbox.repo.workflowDispatches[0]!;
    expect(dispatch).toMatchObject({ workflowId: "agent.yml", ref: "main" });
    expect(Object.keys(dispatch.inputs ?? {}).sort()).toEqual(declared.sort());
    const inputs = dispatch.inputs as Record<string, string>;
    expect(inputs).toMatchObject({ task: `T-${issue}`, branch, task_file: `ops/tasks/T-${issue}.md`, pr: String(pull.number) });

    // the runner: read the task file, commit with the trailers, push with the agent app's token, mark ready
    const agent = asAgentApp(h);
    const taskFile = (await agent.rest.repos.getContent({ ...repo, path: inputs.task_file!, ref: inputs.branch!, mediaType: { format: "raw" } })).data as unknown as string;
    expect(taskFile).toContain("### How to deliver (Autopilot)");
    await pushCommit(agent, inputs.branch!, `Page by 50\n\nTask: ${inputs.task}\nRefs: NT-0012\n`, { "src/widgets/list-widgets.ts": "export const pageSize = 50;\n" });
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
  }, 120_000);
});
