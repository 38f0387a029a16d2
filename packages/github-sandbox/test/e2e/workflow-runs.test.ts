import { afterEach, describe, expect, it } from "vitest";
import {
  describeDelivery,
  invalidPayloads,
  label,
  startSandboxHarness,
  type SandboxHarness,
} from "./sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const inputs = { task: "T-7", branch: "autopilot/T-7-x", brief: "ops/tasks/T-7.md" };

/**
 * GitHub Actions' workflow runs: a dispatch creates a queued run, the runner (the test) moves it
 * on, and every move is a `workflow_run` webhook in GitHub's schema, sent only to an app that
 * subscribes to it with `actions: read`.
 */
describe("workflow runs", () => {
  let h: SandboxHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const runEvents = (harness: SandboxHarness) =>
    harness.receiver.received
      .map((delivery) => describeDelivery(delivery, harness.sandbox.webhookSecret))
      .filter((seen) => seen.event === "workflow_run");

  it("a dispatch answers 204 without a run id; the caller finds its run in the list, filtered as GitHub filters", async () => {
    h = await startSandboxHarness();
    const answer = await h.app.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: "agent.yml",
      ref: "main",
      inputs,
    });
    expect(answer.status).toBe(204);
    expect(answer.data).toBeFalsy();
    const { data } = await h.app.rest.actions.listWorkflowRunsForRepo({
      ...repo,
      event: "workflow_dispatch",
      actor: "autopilot[bot]",
    });
    expect(data.total_count).toBe(1);
    const run = data.workflow_runs[0]!;
    expect(run).toMatchObject({
      event: "workflow_dispatch",
      status: "queued",
      conclusion: null,
      head_branch: "main",
      path: ".github/workflows/agent.yml",
      run_attempt: 1,
      display_title: "Coding agent",
      actor: { login: "autopilot[bot]" },
    });
    const pushes = await h.app.rest.actions.listWorkflowRunsForRepo({ ...repo, event: "push" });
    expect(pushes.data.total_count).toBe(0);
    const byPerson = await h.app.rest.actions.listWorkflowRuns({ ...repo, workflow_id: "agent.yml", actor: "octocat" });
    expect(byPerson.data.total_count).toBe(0);
  });

  it("return_run_details names the run; it goes queued → in_progress → completed with a log behind a 302, each move a valid webhook", async () => {
    h = await startSandboxHarness();
    const dispatched = await h.app.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      ...repo,
      workflow_id: "agent.yml",
      ref: "main",
      inputs,
      return_run_details: true,
    });
    expect(dispatched.status).toBe(200);
    const runId = (dispatched.data as { workflow_run_id: number }).workflow_run_id;
    h.sandbox.workflowRuns.start(runId);
    const running = await h.app.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId });
    expect(running.data.jobs.map((job) => [job.name, job.status])).toEqual([["agent", "in_progress"]]);
    h.sandbox.workflowRuns.complete(runId, "failure", { log: "step 1\nError: the tests failed\n" });
    await h.sandbox.idle();

    const run = (await h.app.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data;
    expect(run).toMatchObject({ id: runId, status: "completed", conclusion: "failure", run_attempt: 1 });
    const job = (await h.app.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId })).data.jobs[0]!;
    expect(job).toMatchObject({ status: "completed", conclusion: "failure", run_id: runId });
    // GitHub answers 302 to a signed URL; Octokit follows it and hands back the text
    const redirect = await fetch(`${h.sandbox.apiUrl}/repos/acme/widgets/actions/jobs/${job.id}/logs`, {
      headers: { authorization: `token ${h.sandbox.userToken()}` },
      redirect: "manual",
    });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get("location") ?? "";
    expect(location).toMatch(/\/_sandbox\/actions-logs\/\d+\?sig=[0-9a-f]{32}$/);
    expect(await (await fetch(location)).text()).toBe("step 1\nError: the tests failed\n");
    expect((await fetch(`${location.split("?")[0]}?sig=forged`)).status).toBe(403);
    const viaOctokit = await h.app.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: job.id });
    expect(String(viaOctokit.data)).toContain("the tests failed");

    const seen = runEvents(h);
    expect(seen.map(label)).toEqual(["workflow_run.requested", "workflow_run.in_progress", "workflow_run.completed"]);
    expect(invalidPayloads(seen)).toEqual([]);
    expect(seen[2]?.payload).toMatchObject({
      workflow_run: { id: runId, conclusion: "failure", event: "workflow_dispatch" },
      workflow: { path: ".github/workflows/agent.yml" },
      sender: { login: "autopilot[bot]" },
    });
  });

  it("a re-run starts the next attempt, by its caller, with new jobs; a run still going cannot be re-run", async () => {
    h = await startSandboxHarness();
    await h.app.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "agent.yml", ref: "main", inputs });
    const runId = h.sandbox.workflowRuns.list()[0]!.id;
    const refused = await h.app.rest.actions
      .reRunWorkflow({ ...repo, run_id: runId })
      .catch((error: { status: number }) => error);
    expect(refused).toMatchObject({ status: 403 });
    h.sandbox.workflowRuns.complete(runId, "cancelled");
    expect((await h.app.rest.actions.reRunWorkflow({ ...repo, run_id: runId })).status).toBe(201);
    const run = (await h.user.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data;
    expect(run).toMatchObject({ status: "queued", conclusion: null, run_attempt: 2 });
    expect(run.previous_attempt_url).toMatch(/\/attempts\/1$/);
    h.sandbox.workflowRuns.complete(runId, "success");
    const latest = await h.user.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId });
    const all = await h.user.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId, filter: "all" });
    expect(latest.data.jobs.map((job) => [job.run_attempt, job.conclusion])).toEqual([[2, "success"]]);
    expect(all.data.jobs.map((job) => [job.run_attempt, job.conclusion])).toEqual([
      [1, "cancelled"],
      [2, "success"],
    ]);
    await h.sandbox.idle();
    const seen = runEvents(h);
    expect(seen.map(label)).toEqual([
      "workflow_run.requested",
      "workflow_run.in_progress",
      "workflow_run.completed",
      "workflow_run.requested",
      "workflow_run.in_progress",
      "workflow_run.completed",
    ]);
    expect(invalidPayloads(seen)).toEqual([]);
  });

  it("a cancel ends a queued or running run cancelled (202, workflow_run.completed); a completed one answers 409", async () => {
    h = await startSandboxHarness();
    await h.app.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "agent.yml", ref: "main", inputs });
    const runId = h.sandbox.workflowRuns.list()[0]!.id;
    h.sandbox.workflowRuns.start(runId);
    expect((await h.app.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId })).status).toBe(202);
    const run = (await h.user.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data;
    expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
    const again = await h.app.rest.actions
      .cancelWorkflowRun({ ...repo, run_id: runId })
      .catch((error: { status: number; message: string }) => error);
    expect(again).toMatchObject({ status: 409, message: expect.stringContaining("Cannot cancel a workflow run") });
    await h.sandbox.idle();
    expect(runEvents(h).map(label).at(-1)).toBe("workflow_run.completed");
  });

  it("an installation without actions: read hears of no run, and may not read runs", async () => {
    h = await startSandboxHarness({ installationPermissions: { metadata: "read", contents: "read", issues: "write" } });
    await h.user.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "agent.yml", ref: "main", inputs });
    const runId = h.sandbox.workflowRuns.list()[0]!.id;
    h.sandbox.workflowRuns.complete(runId, "failure");
    await h.sandbox.idle();
    expect(runEvents(h)).toEqual([]);
    const refused = await h.app.rest.actions
      .getWorkflowRun({ ...repo, run_id: runId })
      .catch((error: { status: number }) => error);
    expect(refused).toMatchObject({ status: 403 });
    // a person's dispatch is their run
    expect((await h.user.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data.actor?.login).toBe("octocat");
  });
});
