import { markReady, pushCommit, repoRef, reportCi } from "./actors.js";
import { expectThat } from "./expectation.js";
import { checkRunsOn, commentsOn, describeQueueLine, findDashboard, queueLine } from "./read-back.js";
import { settle, type DemoStep, type StepContext, type TaskRef } from "./step.js";
import { reportGates } from "./story-gates.js";
import { reportReview } from "./story-merge.js";
import { readDispatchedTask } from "./task-lookup.js";
import { excerpt } from "./transcript.js";

const highRiskIssue = [
  "The load balancer needs to know whether an instance is healthy. Every instance serves this, so a",
  "mistake takes the whole service down: a person must look before it merges.",
  "",
  "```autopilot",
  'scope: ["src/health/**", "test/health/**"]',
  "risk: high",
  "refs: [NT-0001]",
  "acceptance:",
  '  - "GET /healthz answers 200 with {\\"status\\":\\"ok\\"} when the store answers"',
  "```",
].join("\n");

const shownGateNames = new Set([
  "autopilot/scope",
  "autopilot/concordance",
  "autopilot/secrets",
  "autopilot/review",
  "autopilot/config",
]);

/**
 * Where Autopilot says why it is not merging: a merge check run on the head, its comment on the
 * PR, or the dashboard's line for the task. Returns the explanation found, if any.
 */
async function whyWaiting(context: StepContext, task: TaskRef, head: string): Promise<string | undefined> {
  const { owner } = context.world.actors;
  for (const run of (await checkRunsOn(owner, head)).values()) {
    if (shownGateNames.has(run.name)) continue;
    context.state.checks.set(run.id, run);
    if (/approv/i.test(`${run.title ?? ""} ${run.summary ?? ""}`))
      return `check ${run.name}: ${run.conclusion ?? run.status} — ${run.title ?? ""}`;
  }
  const comment = (await commentsOn(owner, task.pr)).find(
    (item) =>
      item.author.endsWith("[bot]") && /approv/i.test(item.body) && !item.body.startsWith("<!-- autopilot:review -->"),
  );
  if (comment) return `comment on #${task.pr}:\n${excerpt(comment.body, 6)}`;
  const dashboard = await findDashboard(owner);
  const line = dashboard?.body.split("\n").find((text) => text.includes(task.taskId) && /approv/i.test(text));
  return line ? `dashboard #${dashboard?.number ?? "?"}: ${line.trim()}` : undefined;
}

/** 5. A high-risk task: everything green, yet it waits for the owner's approval on the current head. */
export const approvalStep: DemoStep = {
  number: 5,
  title: "a high-risk task waits for the owner",
  async run(context) {
    const { world, transcript } = context;
    const { owner, agent } = world.actors;
    const issue = (
      await owner.rest.issues.create({
        ...repoRef,
        title: "Add a health endpoint for the load balancer",
        body: highRiskIssue,
      })
    ).data.number;
    await owner.rest.issues.addLabels({ ...repoRef, issue_number: issue, labels: ["autopilot"] });
    transcript.actor(
      "octocat (owner)",
      `opens #${issue} "Add a health endpoint for the load balancer" (risk: high) and labels it autopilot`,
    );
    await settle(context);
    const task = await readDispatchedTask(context, issue);

    const sha = await pushCommit(agent, task.branch, `Serve /healthz\n\nTask: ${task.taskId}\nRefs: NT-0001\n`, {
      "src/health/healthz.ts":
        'export const healthz = async (ping: () => Promise<void>) => {\n  await ping();\n  return { status: 200, body: { status: "ok" } };\n};\n',
      "test/health/healthz.test.ts":
        'import { expect, it } from "vitest";\nimport { healthz } from "../../src/health/healthz.js";\n\nit("answers ok", async () => {\n  expect((await healthz(async () => undefined)).status).toBe(200);\n});\n',
    });
    transcript.actor("widget-agent (coding agent)", `pushes ${sha.slice(0, 7)}: src/health/healthz.ts and its test`);
    await settle(context);
    const gates = await reportGates(context, sha);
    expectThat(
      [...gates.values()].every((gate) => gate.conclusion === "success"),
      "expected every gate to pass on the health endpoint",
    );
    await markReady(agent, task.nodeId);
    transcript.actor("widget-agent (coding agent)", `marks #${task.pr} ready for review`);
    await settle(context);
    const review = await reportReview(context, task);
    expectThat(
      review.conclusion === "success",
      `expected autopilot/review to accept #${task.pr}; it concluded ${review.conclusion ?? "nothing"}`,
    );
    const heads = await reportCi(world, task.pr, "success");
    transcript.actor(
      "acme-ci (CI)",
      `reports ci/test success on ${heads.map((head) => head.slice(0, 7)).join(", then ")}`,
    );

    const waiting = (await owner.rest.pulls.get({ ...repoRef, pull_number: task.pr })).data;
    expectThat(
      !waiting.merged,
      `expected #${task.pr} (risk high) to wait for an owner's approval; Autopilot merged it without one`,
    );
    const why = await whyWaiting(context, task, waiting.head.sha);
    expectThat(
      why !== undefined,
      `expected Autopilot to say on #${task.pr} (a merge check, a comment or the dashboard) that it waits for an owner's approval; it says nothing`,
    );
    transcript.autopilot(
      `does not merge #${task.pr}: gates, review and CI are green, but risk high needs an owner's approval. It says so:`,
    );
    transcript.detail(why);

    await owner.rest.pulls.createReview({
      ...repoRef,
      pull_number: task.pr,
      commit_id: waiting.head.sha,
      event: "APPROVE",
      body: "Looked at it: fine.",
    });
    transcript.actor("octocat (owner)", `approves #${task.pr} on its current head ${waiting.head.sha.slice(0, 7)}`);
    await settle(context);
    const merged = (await owner.rest.pulls.get({ ...repoRef, pull_number: task.pr })).data;
    expectThat(
      merged.merged,
      `expected Autopilot to merge #${task.pr} after the owner's approval on its head; it is ${merged.state}, not merged`,
    );
    transcript.autopilot(`merges #${task.pr} (${merged.merge_commit_sha?.slice(0, 7) ?? "?"})`);
    const line = await queueLine(owner, task.taskId);
    expectThat(
      line?.status === "done",
      `expected ${task.taskId} to be done in ops/queue.jsonl; it is ${String(line?.status)}`,
    );
    transcript.autopilot(`queue: ${describeQueueLine(line)}`);
  },
};
