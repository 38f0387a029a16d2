import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import { planDispatch, type DispatchIssue } from "../../../src/core/dispatch/index.js";
import { addTask, applyTransition, parseQueue, type QueueDocument } from "../../../src/core/queue/index.js";
import { parseTaskFile } from "../../../src/core/task/index.js";

const config = defaultConfig();
const spec = (scope: string) =>
  [
    "Make widget lists paginated.",
    "",
    "```autopilot",
    `scope: ["${scope}"]`,
    "risk: medium",
    "acceptance:",
    '  - "GET /widgets pages by 50"',
    "```",
  ].join("\n");
const issue = (overrides: Partial<DispatchIssue> = {}): DispatchIssue => ({
  number: 7,
  title: "Paginate widget lists",
  body: spec("src/widgets/**"),
  state: "open",
  labels: ["autopilot"],
  ...overrides,
});
const emptyQueue = (): QueueDocument => parseQueue("").doc;
const at = "2026-11-21T10:00:00Z";

function queueWith(
  id: number,
  scope: string,
  status: "in_progress" | "blocked" = "in_progress",
  reason = "dispatched",
): QueueDocument {
  const added = addTask(
    emptyQueue(),
    {
      id: `T-${id}`,
      issue: id,
      title: "Other",
      status: "in_progress",
      branch: `autopilot/T-${id}-other`,
      pr: null,
      scope: [scope],
      forbidden: [],
      risk: "low",
      mode: "full",
      refs: [],
    },
    { actor: "autopilot[bot]", reason: "dispatched", delivery: "d1", at },
  );
  if (!added.ok) throw new Error(added.reason);
  if (status === "in_progress") return added.doc;
  const moved = applyTransition(added.doc, {
    taskId: `T-${id}`,
    to: "blocked",
    actor: "octocat",
    reason,
    delivery: "d2",
    at,
  });
  if (!moved.ok) throw new Error(moved.reason);
  return moved.doc;
}

describe("planDispatch", () => {
  it("starts a complete task: branch, a task file that reads back, a draft PR that closes the issue", () => {
    const plan = planDispatch({ issue: issue(), config, queue: emptyQueue(), repoFiles: () => [] });
    if (plan.kind !== "start") throw new Error(`expected start, got ${plan.kind}`);
    expect(plan.branch).toBe("autopilot/T-7-paginate-widget-lists");
    expect(plan.entry).toMatchObject({
      id: "T-7",
      status: "in_progress",
      scope: ["src/widgets/**"],
      risk: "medium",
      branch: plan.branch,
    });
    const file = parseTaskFile(plan.taskFile);
    expect(file.ok && file.frontMatter).toMatchObject({
      id: "T-7",
      issue: 7,
      scope: ["src/widgets/**"],
      branch: plan.branch,
    });
    expect(plan.taskFilePath).toBe("ops/tasks/T-7.md");
    expect(plan.pullRequest.title).toBe("[T-7] Paginate widget lists");
    expect(plan.pullRequest.body).toMatch(/^Closes #7/);
    expect(plan.pullRequest.body).toContain("- [ ] GET /widgets pages by 50");
    expect(plan.pullRequest.body).toContain("`autopilot/scope`");
  });

  it("asks the owner when the spec is incomplete, and records the task as needs_owner with no scope", () => {
    const plan = planDispatch({
      issue: issue({ body: "Please make it faster." }),
      config,
      queue: emptyQueue(),
      repoFiles: () => [],
    });
    if (plan.kind !== "ask") throw new Error(`expected ask, got ${plan.kind}`);
    expect(plan.questions.map((question) => question.field)).toEqual(
      expect.arrayContaining(["scope", "risk", "acceptance"]),
    );
    expect(plan.comment).toMatch(/^Autopilot needs \d answers before it can start this task/);
    expect(plan.entry).toMatchObject({ status: "needs_owner", scope: [], risk: "critical" });
  });

  it("waits when the scope overlaps an in-progress task, naming it; reads the files only then", () => {
    let reads = 0;
    const repoFiles = () => {
      reads += 1;
      return ["src/widgets/list.ts"];
    };
    expect(planDispatch({ issue: issue(), config, queue: emptyQueue(), repoFiles }).kind).toBe("start");
    expect(reads).toBe(0);
    const plan = planDispatch({ issue: issue(), config, queue: queueWith(3, "src/**"), repoFiles });
    if (plan.kind !== "blocked") throw new Error(`expected blocked, got ${plan.kind}`);
    expect(plan.conflicts.map((conflict) => conflict.taskId)).toEqual(["T-3"]);
    expect(plan.comment).toContain("**T-3** holds `src/widgets/list.ts`");
    expect(reads).toBe(1);
    expect(planDispatch({ issue: issue(), config, queue: queueWith(3, "docs/**"), repoFiles }).kind).toBe("start");
  });

  it("ignores issues without the trigger label, closed issues, done tasks and tasks a human blocked", () => {
    expect(
      planDispatch({ issue: issue({ labels: ["bug"] }), config, queue: emptyQueue(), repoFiles: () => [] }),
    ).toMatchObject({ kind: "ignore", reason: expect.stringContaining("`autopilot`") });
    expect(
      planDispatch({ issue: issue({ state: "closed" }), config, queue: emptyQueue(), repoFiles: () => [] }).kind,
    ).toBe("ignore");
    const blockedByHuman = queueWith(7, "src/widgets/**", "blocked", "waiting for the API design");
    expect(planDispatch({ issue: issue(), config, queue: blockedByHuman, repoFiles: () => [] })).toMatchObject({
      kind: "ignore",
      reason: expect.stringContaining("/unblock"),
    });
  });

  it("leaves a started task that waits for its owner's answer (a merge question) where it is", () => {
    const asked = applyTransition(queueWith(7, "src/widgets/**"), {
      taskId: "T-7",
      to: "needs_owner",
      actor: "autopilot[bot]",
      reason: "#9 cannot be merged (conflicts with main): an owner decides",
      delivery: "d3",
      at,
    });
    if (!asked.ok) throw new Error(asked.reason);
    // a sweep or an edit dispatches the issue again: the question still stands
    expect(planDispatch({ issue: issue(), config, queue: asked.doc, repoFiles: () => [] })).toMatchObject({
      kind: "ignore",
      reason: "T-7 waits for its owner's answer (#9 cannot be merged (conflicts with main): an owner decides)",
    });
    // an edit by someone with authority restates the task, as it does in any other state
    expect(planDispatch({ issue: issue(), config, queue: asked.doc, repoFiles: () => [], respec: true }).kind).toBe(
      "start",
    );
  });

  it("keeps the recorded branch of a task already in progress, even after the title changed", () => {
    const plan = planDispatch({
      issue: issue({ number: 3, title: "A new title" }),
      config,
      queue: queueWith(3, "src/**"),
      repoFiles: () => [],
    });
    expect(plan).toMatchObject({ kind: "start", branch: "autopilot/T-3-other", entry: { status: "in_progress" } });
  });
});
