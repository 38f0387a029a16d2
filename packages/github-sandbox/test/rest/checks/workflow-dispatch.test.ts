import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitFile, failure } from "./commit-file.js";

const agentWorkflow = `name: Autopilot agent
on:
  workflow_dispatch:
    inputs:
      task:
        description: Task id
        required: true
      model:
        required: true
        default: small
      mode:
        type: choice
        options: [draft, ready]
`;
const ciWorkflow = "name: CI\non: [push, pull_request]\njobs: {}\n";

describe("workflow dispatch", () => {
  let app: TestOctokit;
  const repo = { owner: "acme", repo: "widgets" };
  const fixture = useRestFixture({
    perTest: true,
    setUp: async (started) => {
      app = started.app();
      const withAgent = await commitFile(started, started.initialSha, ".github/workflows/agent.yml", agentWorkflow);
      const withCi = await commitFile(started, withAgent, ".github/workflows/ci.yaml", ciWorkflow);
      await started.repo.git.updateRef("refs/heads/main", withCi);
      await started.repo.git.createRef("refs/heads/old", started.initialSha);
    },
  });

  it("records a dispatch by file name and answers 204", async () => {
    const response = await app.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: "agent.yml",
      ref: "main",
      inputs: { task: "T-7", mode: "ready" },
    });
    expect(response.status).toBe(204);
    expect(fixture.repo.workflowDispatches).toEqual([
      expect.objectContaining({
        workflowId: "agent.yml",
        ref: "main",
        inputs: { task: "T-7", mode: "ready" },
        sender: expect.objectContaining({ login: "autopilot-sandbox[bot]" }),
      }),
    ]);
  });

  it("lists the repository's workflows and dispatches by numeric id", async () => {
    const { data } = await app.rest.actions.listRepoWorkflows(repo);
    expect(data.total_count).toBe(2);
    expect(data.workflows.map((workflow) => [workflow.name, workflow.path, workflow.state])).toEqual([
      ["Autopilot agent", ".github/workflows/agent.yml", "active"],
      ["CI", ".github/workflows/ci.yaml", "active"],
    ]);
    const agent = data.workflows[0]!;
    expect((await app.rest.actions.getWorkflow({ ...repo, workflow_id: agent.id })).data).toEqual(agent);
    expect((await app.rest.actions.getWorkflow({ ...repo, workflow_id: "agent.yml" })).data.id).toBe(agent.id);

    await app.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: agent.id,
      ref: "main",
      inputs: { task: "T-8" },
    });
    expect(fixture.repo.workflowDispatches.map((dispatch) => dispatch.workflowId)).toEqual([agent.id]);
  });

  it("answers GitHub's errors for missing workflows, triggers and inputs", async () => {
    const dispatch = (workflow_id: string, ref: string, inputs?: Record<string, string>) =>
      failure(app.rest.actions.createWorkflowDispatch({ ...repo, workflow_id, ref, ...(inputs ? { inputs } : {}) }));
    expect(await dispatch("missing.yml", "main", { task: "x" })).toEqual({ status: 404, message: "Not Found" });
    // the file must exist at the ref dispatched to
    expect(await dispatch("agent.yml", "old", { task: "x" })).toEqual({ status: 404, message: "Not Found" });
    expect(await dispatch("agent.yml", "no-such-branch", { task: "x" })).toEqual({
      status: 422,
      message: "No ref found for: no-such-branch",
    });
    expect(await dispatch("ci.yaml", "main")).toEqual({
      status: 422,
      message: "Workflow does not have 'workflow_dispatch' trigger",
    });
    expect(await dispatch("agent.yml", "main", { task: "x", colour: "red", size: "L" })).toEqual({
      status: 422,
      message: 'Unexpected inputs provided: ["colour", "size"]',
    });
    expect(await dispatch("agent.yml", "main", {})).toEqual({
      status: 422,
      message: "Required input 'task' not provided",
    });
    expect(await dispatch("agent.yml", "main", { task: "x", mode: "wild" })).toEqual({
      status: 422,
      message: "Provided value 'wild' for input 'mode' not in the list of allowed values",
    });
    expect(fixture.repo.workflowDispatches).toEqual([]);
  });

  it("refuses users without push access", async () => {
    expect(
      await failure(
        fixture.user("reader").rest.actions.createWorkflowDispatch({
          ...repo,
          workflow_id: "agent.yml",
          ref: "main",
          inputs: { task: "x" },
        }),
      ),
    ).toEqual({ status: 403, message: "Must have push access to this repository." });
  });
});
