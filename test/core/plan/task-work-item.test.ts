import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import { knownWorkItems, planDispatch, type DispatchIssue } from "../../../src/core/dispatch/index.js";
import { addTask, parseQueue, type QueueDocument } from "../../../src/core/queue/index.js";
import { applySpecAnswer } from "../../../src/core/task/apply-spec-answer.js";
import { parseTaskFile, parseTaskSpec, taskFileEdits } from "../../../src/core/task/index.js";
import { planText } from "./plan-fixtures.js";

const config = defaultConfig();
const fenced = (item: string) =>
  ["```autopilot", 'scope: ["src/widgets/**"]', "risk: low", item, "acceptance:", '  - "it works"', "```"].join("\n");
const issue = (body: string): DispatchIssue => ({
  number: 7,
  title: "Widget store",
  body,
  state: "open",
  labels: ["autopilot"],
});
const planItems = knownWorkItems(planText());
const emptyQueue = (): QueueDocument => parseQueue("").doc;

/** A queue where T-7 was dispatched with work item 1.1, as the app records it. */
function dispatchedWith(item: string): QueueDocument {
  const plan = planDispatch({
    issue: issue(fenced(`item: "${item}"`)),
    config,
    queue: emptyQueue(),
    repoFiles: () => [],
    workItems: planItems,
  });
  if (plan.kind !== "start") throw new Error(`expected start, got ${plan.kind}`);
  const added = addTask(emptyQueue(), plan.entry, {
    actor: "owner",
    reason: "dispatched",
    delivery: "d1",
    at: "2026-12-01T10:00:00Z",
  });
  if (!added.ok) throw new Error(added.reason);
  return added.doc;
}

describe("the task spec's work item", () => {
  it("is read from a fenced block and from an issue-form section", () => {
    const fromBlock = parseTaskSpec(fenced('item: "1.10"'));
    expect(fromBlock.ok && fromBlock.spec.item).toBe("1.10");
    const form = [
      "### Scope",
      "",
      "src/widgets/**",
      "",
      "### Risk",
      "",
      "low",
      "",
      "### Work item",
      "",
      "1.2",
      "",
      "### Acceptance criteria",
      "",
      "- it works",
    ];
    const fromForm = parseTaskSpec(form.join("\n"));
    expect(fromForm.ok && fromForm.spec.item).toBe("1.2");
  });

  it("asks for quotes when YAML read the item as a number, and refuses what is no WBS id", () => {
    const number = parseTaskSpec(fenced("item: 1.10"));
    expect(number.ok).toBe(false);
    if (!number.ok)
      expect(number.questions.map((q) => [q.field, q.problem])).toEqual([
        ["item", 'should be text, not `1.1` (YAML reads an unquoted id as a number; write it in quotes: "1.2")'],
      ]);
    const odd = parseTaskSpec(fenced('item: "1.2](http://x)"'));
    expect(!odd.ok && odd.questions[0]?.field).toBe("item");
  });

  it("is recorded in the queue and the task file when the plan has it", () => {
    const plan = planDispatch({
      issue: issue(fenced('item: "1.2"')),
      config,
      queue: emptyQueue(),
      repoFiles: () => [],
      workItems: planItems,
    });
    expect(plan.kind).toBe("start");
    if (plan.kind !== "start") return;
    expect(plan.entry.item).toBe("1.2");
    const file = parseTaskFile(plan.taskFile);
    expect(file.ok && file.frontMatter.item).toBe("1.2");
    expect(plan.pullRequest.body).toContain("Delivers work item `1.2` of the plan of record (`ops/por.json`)");
  });

  it("asks the owner about an item the plan does not have, or when there is no valid plan", () => {
    const ask = (workItems: ReturnType<typeof knownWorkItems>) => {
      const plan = planDispatch({
        issue: issue(fenced('item: "9.9"')),
        config,
        queue: emptyQueue(),
        repoFiles: () => [],
        workItems,
      });
      if (plan.kind !== "ask") throw new Error(`expected ask, got ${plan.kind}`);
      expect(plan.entry.status).toBe("needs_owner");
      expect(plan.entry).not.toHaveProperty("item");
      return plan.comment;
    };
    expect(ask(planItems)).toContain("no work item `9.9` in `ops/por.json`; the plan has `1.1`, `1.2`, `2.1`");
    expect(ask(knownWorkItems(undefined))).toContain("the repository has no plan of record");
    expect(ask(knownWorkItems("{}"))).toContain("is not a valid plan (3 problem(s)");
  });

  it("cannot be switched to another item by an edit without authority, after dispatch", () => {
    const queue = dispatchedWith("1.1");
    const edited = issue(fenced('item: "1.2"'));
    const kept = planDispatch({ issue: edited, config, queue, repoFiles: () => [] });
    expect(kept.kind === "start" && kept.entry.item).toBe("1.1");
    // an edit that adds an item to a task dispatched without one is kept out the same way
    const none = planDispatch({ issue: issue(fenced("")), config, queue: emptyQueue(), repoFiles: () => [] });
    if (none.kind !== "start") throw new Error("expected start");
    const added = addTask(emptyQueue(), none.entry, {
      actor: "o",
      reason: "r",
      delivery: "d",
      at: "2026-12-01T10:00:00Z",
    });
    if (!added.ok) throw new Error(added.reason);
    const still = planDispatch({ issue: edited, config, queue: added.doc, repoFiles: () => [] });
    expect(still.kind === "start" && "item" in still.entry).toBe(false);
    // someone with authority may change it, and it is checked against the plan
    const respec = planDispatch({
      issue: edited,
      config,
      queue,
      repoFiles: () => [],
      respec: true,
      workItems: planItems,
    });
    expect(respec.kind === "start" && respec.entry.item).toBe("1.2");
  });

  it("is compared by the gates: a task file that names another item is an edit", () => {
    const queue = dispatchedWith("1.1");
    const entry = queue.items.find((item) => item.kind === "entry");
    if (entry?.kind !== "entry") throw new Error("no entry");
    const plan = planDispatch({
      issue: issue(fenced('item: "1.1"')),
      config,
      queue: emptyQueue(),
      repoFiles: () => [],
      workItems: planItems,
    });
    if (plan.kind !== "start") throw new Error("expected start");
    const forged = plan.taskFile.replace('item: "1.1"', 'item: "2.1"');
    expect(forged).not.toBe(plan.taskFile);
    expect(taskFileEdits({ ...entry.entry, branch: plan.branch }, forged)).toEqual([
      '`item` is `"2.1"` instead of the recorded `"1.1"`',
    ]);
  });
});

describe("answering the work item question", () => {
  it("writes the owner's answer into the spec block, where it reads back as the item", () => {
    const answered = applySpecAnswer(fenced('item: "9.9"'), "item", '"1.2"');
    if (!answered.ok) throw new Error(answered.reason);
    const spec = parseTaskSpec(answered.body);
    expect(spec.ok && spec.spec.item).toBe("1.2");
  });
});
