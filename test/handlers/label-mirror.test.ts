import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { aliasErrors, labelMutationDocument, labelOperations, planLabelChanges } from "../../src/github/index.js";
import { mirrorStatus } from "../../src/handlers/task-state.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

describe("planLabelChanges", () => {
  it("puts the state (and risk) label on and asks every other one off when the labels are not known", () => {
    const [change] = planLabelChanges({ targets: [{ number: 6, kind: "issue" }], status: "review", risk: "low" });
    expect(change?.add).toEqual(["autopilot:review", "risk:low"]);
    expect(change?.remove).toEqual([
      "autopilot:queued",
      "autopilot:in-progress",
      "autopilot:done",
      "autopilot:blocked",
      "autopilot:needs-owner",
      "risk:medium",
      "risk:high",
      "risk:critical",
    ]);
  });

  it("changes only what differs from known labels (case-insensitively), and leaves out an item already right", () => {
    const changes = planLabelChanges({
      targets: [
        { number: 6, kind: "issue", currentLabels: ["autopilot", "Autopilot:In-Progress", "bug"] },
        { number: 7, kind: "pull", currentLabels: [{ name: "autopilot:review" }] },
      ],
      status: "review",
    });
    expect(changes).toEqual([
      {
        target: expect.objectContaining({ number: 6 }),
        add: ["autopilot:review"],
        remove: ["autopilot:in-progress"],
      },
    ]);
  });

  it("follows the repository's label names", () => {
    const labels = { ...defaultConfig().labels, review: "state/review", in_progress: "state/wip" };
    const [change] = planLabelChanges({
      targets: [{ number: 1, kind: "issue", currentLabels: ["state/wip"] }],
      status: "review",
      labels,
    });
    expect(change).toMatchObject({ add: ["state/review"], remove: ["state/wip"] });
  });
});

describe("labelMutationDocument", () => {
  it("is one mutation with an aliased add and remove per item, additions first, ids as variables", () => {
    const operations = labelOperations([
      { labelableId: "I_6", addIds: ["L_review"], removeIds: ["L_wip", "L_queued"] },
      { labelableId: "PR_7", addIds: ["L_review"], removeIds: [] },
    ]);
    expect(operations.map(({ alias, change, index }) => ({ alias, change, index }))).toEqual([
      { alias: "a0", change: "add", index: 0 },
      { alias: "r0", change: "remove", index: 0 },
      { alias: "a1", change: "add", index: 1 },
    ]);
    const { query, variables } = labelMutationDocument(operations);
    expect(query).toBe(
      [
        "mutation ($a0Id: ID!, $a0Labels: [ID!]!, $r0Id: ID!, $r0Labels: [ID!]!, $a1Id: ID!, $a1Labels: [ID!]!) {",
        "  a0: addLabelsToLabelable(input: { labelableId: $a0Id, labelIds: $a0Labels }) { clientMutationId }",
        "  r0: removeLabelsFromLabelable(input: { labelableId: $r0Id, labelIds: $r0Labels }) { clientMutationId }",
        "  a1: addLabelsToLabelable(input: { labelableId: $a1Id, labelIds: $a1Labels }) { clientMutationId }",
        "}",
      ].join("\n"),
    );
    expect(variables).toEqual({
      a0Id: "I_6",
      a0Labels: ["L_review"],
      r0Id: "I_6",
      r0Labels: ["L_wip", "L_queued"],
      a1Id: "PR_7",
      a1Labels: ["L_review"],
    });
  });
});

describe("aliasErrors", () => {
  it("reads GitHub's field errors by alias from Octokit's GraphqlResponseError", () => {
    const error = Object.assign(new Error("Request failed due to following response errors"), {
      data: { a0: { clientMutationId: null }, r0: null },
      errors: [
        { type: "NOT_FOUND", path: ["r0"], message: "Could not resolve to a node with the global id of 'L_x'." },
      ],
    });
    expect(aliasErrors(error)).toEqual([
      { alias: "r0", type: "NOT_FOUND", message: "Could not resolve to a node with the global id of 'L_x'." },
    ]);
  });

  it("is undefined for a failure of the whole request (no alias named) or any other error", () => {
    expect(aliasErrors(Object.assign(new Error("x"), { errors: [{ message: "Parse error" }] }))).toBeUndefined();
    expect(aliasErrors(Object.assign(new Error("Bad credentials"), { status: 401 }))).toBeUndefined();
  });
});

describe("mirrorStatus", () => {
  it("mirrors a move on the issue and its PR with one port call and no read of their labels", async () => {
    const github = fakeGitHubPort({
      labels: { 6: ["autopilot", "autopilot:in-progress", "risk:low"], 7: ["autopilot:in-progress", "risk:low"] },
    });
    await mirrorStatus(contextOn(github), defaultConfig(), { issue: 6, pr: 7, risk: "low" }, "review");
    expect(github.calls.map((call) => call.op)).toEqual(["mirrorStateLabels"]);
    expect([...github.state.labels.get(6)!].sort()).toEqual(["autopilot", "autopilot:review", "risk:low"]);
    expect([...github.state.labels.get(7)!].sort()).toEqual(["autopilot:review", "risk:low"]);
  });

  it("passes labels known from a payload, so an item already right is not touched", async () => {
    const github = fakeGitHubPort({ labels: { 6: ["autopilot:in-progress"], 7: ["autopilot:review"] } });
    await mirrorStatus(
      contextOn(github),
      defaultConfig(),
      { issue: 6, pr: 7, risk: "low" },
      "review",
      new Map([[7, ["autopilot:review", "risk:low"]]]),
    );
    const [mirror] = github.callsTo("mirrorStateLabels")[0] as [{ targets: unknown[] }];
    expect(mirror.targets).toEqual([
      { number: 6, kind: "issue" },
      { number: 7, kind: "pull", currentLabels: ["autopilot:review", "risk:low"] },
    ]);
    expect([...github.state.labels.get(7)!]).toEqual(["autopilot:review"]);
  });
});
