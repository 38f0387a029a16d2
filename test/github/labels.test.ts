import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { queueStatuses } from "../../src/core/queue/index.js";
import {
  ensureLabels,
  KnownLabels,
  labelDefinitions,
  stateLabelFor,
  statusForStateLabel,
  syncStateLabels,
} from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
const repo = { owner: "acme", repo: "widgets" };
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());
// what one app instance knows of the labels: a fresh one per test
let known: KnownLabels;
beforeEach(() => {
  known = new KnownLabels();
});

const issueLabels = async (issueNumber: number) =>
  (await gh.user.rest.issues.listLabelsOnIssue({ owner: gh.owner, repo: gh.repo, issue_number: issueNumber })).data
    .map((label) => label.name)
    .sort();

async function newIssue(title: string, labels: string[] = []): Promise<number> {
  const { data } = await gh.user.rest.issues.create({ owner: gh.owner, repo: gh.repo, title, labels });
  return data.number;
}

describe("label vocabulary", () => {
  it("names the state label of every queue status and reads it back", () => {
    expect(queueStatuses.map((status) => stateLabelFor(status))).toEqual([
      "autopilot:queued",
      "autopilot:in-progress",
      "autopilot:review",
      "autopilot:done",
      "autopilot:blocked",
      "autopilot:needs-owner",
    ]);
    for (const status of queueStatuses) expect(statusForStateLabel(stateLabelFor(status))).toBe(status);
    expect(statusForStateLabel("Autopilot:In-Progress")).toBe("in_progress");
    expect(statusForStateLabel("autopilot")).toBeUndefined();
    expect(statusForStateLabel("risk:high")).toBeUndefined();
  });

  it("follows the repository's configured names", () => {
    const labels = { ...defaultConfig().labels, in_progress: "bot:working", risk_prefix: "prio/" };
    expect(stateLabelFor("in_progress", labels)).toBe("bot:working");
    expect(statusForStateLabel("bot:working", labels)).toBe("in_progress");
    expect(labelDefinitions(labels).map((label) => label.name)).toContain("prio/critical");
  });

  it("gives every label a six-digit color and a description GitHub accepts", () => {
    const definitions = labelDefinitions();
    expect(definitions.map((label) => label.name)).toEqual([
      "autopilot",
      ...queueStatuses.map((status) => stateLabelFor(status)),
      "risk:low",
      "risk:medium",
      "risk:high",
      "risk:critical",
    ]);
    for (const label of definitions) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeGreaterThan(0);
      expect(label.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe("ensureLabels", () => {
  it("creates the missing labels with color and description, once per app instance", async () => {
    const mark = gh.mark();
    const created = await ensureLabels(gh.app, repo, ["autopilot:review", "risk:high"], undefined, known);
    expect(created).toEqual(["autopilot:review", "risk:high"]);
    expect(await ensureLabels(gh.app, repo, ["risk:high", "Autopilot:Review"], undefined, known)).toEqual([]);
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual([
      "issues/list-labels-for-repo",
      "issues/create-label",
      "issues/create-label",
    ]);
    const { data } = await gh.user.rest.issues.getLabel({ owner: gh.owner, repo: gh.repo, name: "risk:high" });
    expect(data).toMatchObject({ color: "f9d0c4", description: expect.stringContaining("high") });
  });

  it("tolerates a label created meanwhile by someone else", async () => {
    await ensureLabels(gh.app, repo, [], undefined, known); // learns the labels as they are now
    await gh.user.rest.issues.createLabel({ owner: gh.owner, repo: gh.repo, name: "autopilot:done", color: "000000" });
    expect(await ensureLabels(gh.app, repo, ["autopilot:done"], undefined, known)).toEqual([]);
    const again = gh.mark();
    await ensureLabels(gh.app, repo, ["autopilot:done"], undefined, known);
    expect(gh.callsSince(again)).toEqual([]);
  });

  it("learns nothing for another app instance: each instance looks at the labels itself", async () => {
    await ensureLabels(gh.app, repo, ["autopilot:queued"], undefined, known);
    const mark = gh.mark();
    expect(await ensureLabels(gh.app, repo, ["autopilot:queued"], undefined, new KnownLabels())).toEqual([]);
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["issues/list-labels-for-repo"]);
  });

  it("lets two concurrent callers create the same labels without failing", async () => {
    const names = ["risk:critical", "autopilot:blocked"];
    const [one, two] = await Promise.all([
      ensureLabels(gh.app, repo, names, undefined, known),
      ensureLabels(gh.app, repo, names, undefined, known),
    ]);
    expect([...one, ...two].sort()).toEqual([...names].sort());
  });
});

describe("syncStateLabels", () => {
  it("adds the state and risk labels and removes the other state and risk labels, leaving the rest", async () => {
    const issueNumber = await newIssue("sync: move", ["autopilot", "autopilot:queued", "risk:low", "bug"]);
    const result = await syncStateLabels(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      status: "in_progress",
      risk: "high",
      currentLabels: [{ name: "autopilot" }, { name: "autopilot:queued" }, { name: "risk:low" }, { name: "bug" }],
    });
    expect(result).toEqual({
      added: ["autopilot:in-progress", "risk:high"],
      removed: ["autopilot:queued", "risk:low"],
    });
    expect(await issueLabels(issueNumber)).toEqual(["autopilot", "autopilot:in-progress", "bug", "risk:high"]);
  });

  it("makes no call at all when the labels are already right", async () => {
    const current = ["autopilot", "Autopilot:Review", "risk:medium"];
    const issueNumber = await newIssue("sync: no-op", current);
    const mark = gh.mark();
    const result = await syncStateLabels(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      status: "review",
      risk: "medium",
      currentLabels: current,
    });
    expect(result).toEqual({ added: [], removed: [] });
    expect(gh.callsSince(mark)).toEqual([]);
  });

  it("leaves risk labels alone without a risk, and survives a label already removed", async () => {
    const issueNumber = await newIssue("sync: stale view", ["autopilot:in-progress", "risk:low"]);
    await gh.user.rest.issues.removeLabel({
      owner: gh.owner,
      repo: gh.repo,
      issue_number: issueNumber,
      name: "autopilot:in-progress",
    });
    const result = await syncStateLabels(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      status: "blocked",
      currentLabels: ["autopilot:in-progress", "risk:low"],
    });
    expect(result).toEqual({ added: ["autopilot:blocked"], removed: ["autopilot:in-progress"] });
    expect(await issueLabels(issueNumber)).toEqual(["autopilot:blocked", "risk:low"]);
  });
});
