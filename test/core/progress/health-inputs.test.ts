import { describe, expect, it } from "vitest";
import {
  assessHealth,
  branchCiOf,
  dashboardStateLine,
  nextDashboardState,
  parseDashboardState,
  sameDashboard,
  sealDashboardState,
  trustedDashboardState,
} from "../../../src/core/progress/index.js";
import { hmacSigner } from "../../../src/core/seal.js";

const own = (name: string) => name.startsWith("autopilot/");
const sha = (digit: string) => digit.repeat(40);

describe("branchCiOf", () => {
  it("fails on a failing status or check run, naming them, and leaves out Autopilot's own checks", () => {
    const result = branchCiOf(
      {
        state: "failure",
        statuses: [
          { context: "ci/build", state: "error" },
          { context: "ci/lint", state: "success" },
        ],
      },
      [
        { name: "test", status: "completed", conclusion: "timed_out" },
        { name: "autopilot/secrets", status: "completed", conclusion: "failure" },
        { name: "docs", status: "completed", conclusion: "cancelled" },
      ],
      own,
    );
    expect(result).toEqual({ state: "failure", failing: ["ci/build", "test"] });
  });

  it("is pending while something runs, success when all passed, unknown when nothing reported", () => {
    expect(
      branchCiOf({ state: "pending", statuses: [] }, [{ name: "test", status: "in_progress", conclusion: null }], own)
        .state,
    ).toBe("pending");
    expect(branchCiOf({ state: "success", statuses: [{ context: "ci", state: "success" }] }, [], own).state).toBe(
      "success",
    );
    // GitHub answers "pending" for a commit without statuses: that is no CI, not CI running
    expect(
      branchCiOf(
        { state: "pending", statuses: [] },
        [{ name: "autopilot/scope", status: "queued", conclusion: null }],
        own,
      ).state,
    ).toBe("unknown");
  });

  it("names the failing checks in the red health reason", () => {
    expect(
      assessHealth({
        recentReviews: [],
        defaultBranchCi: "failure",
        ciFailures: ["ci/build", "ci/build"],
        stuckTasks: [],
      }).reasons,
    ).toEqual(["CI is failing on the default branch (ci/build)"]);
  });
});

describe("the dashboard's remembered state", () => {
  it("round-trips through the body and refuses anything else", () => {
    const state = { queue: sha("a"), previous: sha("b") };
    expect(parseDashboardState(`body\n${dashboardStateLine(state)}\n`)).toEqual(state);
    expect(parseDashboardState('<!-- autopilot:dashboard-state {"queue":"x"} -->')).toBeUndefined();
    expect(parseDashboardState("<!-- autopilot:dashboard-state {oops -->")).toBeUndefined();
    expect(parseDashboardState("no state")).toBeUndefined();
  });

  it("believes a line only with the app's seal for this repository", async () => {
    const sign = hmacSigner("the app's secret");
    const where = "R_widgets#dashboard";
    const sealed = await sealDashboardState({ queue: sha("a"), previous: sha("b") }, sign, where);
    const body = (state: object) => `body\n${dashboardStateLine(state as never)}\n`;
    expect(await trustedDashboardState(body(sealed), [sign], where)).toEqual(sealed);
    // the previous queue pointed at a writer's own blob, the seal kept
    expect(await trustedDashboardState(body({ ...sealed, previous: sha("c") }), [sign], where)).toBeUndefined();
    // copied from another repository's dashboard, unsealed (an older body), or sealed by another secret
    expect(await trustedDashboardState(body(sealed), [sign], "R_other#dashboard")).toBeUndefined();
    expect(await trustedDashboardState(body({ queue: sha("a"), previous: sha("b") }), [sign], where)).toBeUndefined();
    expect(await trustedDashboardState(body(sealed), [hmacSigner("another secret")], where)).toBeUndefined();
    // a rotation: the previous secret's seal still holds
    expect(await trustedDashboardState(body(sealed), [hmacSigner("new"), sign], where)).toEqual(sealed);
  });

  it("keeps the previous queue while the queue stays as it was, and moves on when it changes", () => {
    const first = nextDashboardState(undefined, sha("a"));
    expect(first).toEqual({ queue: sha("a"), previous: null });
    const changed = nextDashboardState(first, sha("b"));
    expect(changed).toEqual({ queue: sha("b"), previous: sha("a") });
    expect(nextDashboardState(changed, sha("b"))).toEqual(changed);
  });

  it("treats two bodies that differ only in the refresh time as the same", () => {
    const at = (time: string, tasks = 2) => `# Autopilot dashboard\n\nRefreshed ${time}. ${tasks} task(s): 2 queued.\n`;
    expect(sameDashboard(at("2025-06-02 08:00 UTC"), at("2025-06-03 09:15 UTC"))).toBe(true);
    expect(sameDashboard(at("2025-06-02 08:00 UTC"), at("2025-06-02 08:00 UTC", 3))).toBe(false);
  });
});
