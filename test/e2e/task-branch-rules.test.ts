import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  labelNames,
  setRepoConfig,
  startAppHarness,
  sweepAfterRestart,
  taskSpec,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * What an administrator often sets up on github.com: every branch but the app's state branch needs
 * CI to have passed; `bypassApp` lists the app in the ruleset's bypass list instead.
 */
const checksEverywhere = (harness: AppHarness, options: { bypassApp?: boolean } = {}) =>
  harness.user.rest.repos.createRepoRuleset({
    ...repo,
    name: "CI on every branch",
    target: "branch",
    enforcement: "active",
    ...(options.bypassApp === true
      ? {
          bypass_actors: [
            { actor_id: harness.sandbox.appId, actor_type: "Integration" as const, bypass_mode: "always" as const },
          ],
        }
      : {}),
    conditions: { ref_name: { include: ["~ALL"], exclude: ["refs/heads/autopilot/state"] } },
    rules: [
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: [{ context: "ci/test" }],
        },
      },
    ],
  });

async function label(harness: AppHarness, title: string, scope: string): Promise<number> {
  const issue = (await harness.user.rest.issues.create({ ...repo, title, body: taskSpec(scope) })).data.number;
  await harness.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
  await harness.settle();
  return issue;
}

const branches = async (harness: AppHarness) =>
  (await harness.user.rest.repos.listBranches({ ...repo, per_page: 100 })).data.map((branch) => branch.name);
const openPulls = async (harness: AppHarness) =>
  (await harness.user.rest.pulls.list({ ...repo, state: "open" })).data.map((pull) => pull.title);

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("task branches under a ruleset that refuses the pushes a task needs", () => {
  it("holds a new task before anything is created, naming the rule and the fix", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const ruleset = (await checksEverywhere(h)).data.id;
    const issue = await label(h, "Paginate widget lists", "src/widgets/**");
    expect(await branches(h)).not.toContain(expect.stringMatching(/^autopilot\/T-/));
    expect(await openPulls(h)).toEqual([]);
    const said = (await commentBodies(h, issue)).join("\n");
    expect(said).toContain("Autopilot has not dispatched this issue");
    expect(said).toContain(
      `rulesets on task branches (autopilot/T-…): a ruleset demands status checks on every commit before it is pushed (\`required_status_checks\`, ruleset ${ruleset})`,
    );
    expect(said).toContain("exclude autopilot/** from the ruleset's target branches");
    expect(await taskStatus(h, `T-${issue}`)).toBeUndefined();
  });

  it("blocks a task whose branch GitHub refuses after the rules were read, says GitHub's words, and starts it once they allow it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const first = await label(h, "Sort widget lists", "src/sorting/**");
    expect(await taskStatus(h, `T-${first}`)).toBe("in_progress");

    // an administrator adds the ruleset after the app read the rules (it reads them every ten minutes)
    const ruleset = (await checksEverywhere(h)).data.id;
    const issue = await label(h, "Paginate widget lists", "src/widgets/**");
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    expect(await labelNames(h, issue)).toContain("autopilot:blocked");
    expect(await openPulls(h)).toEqual([expect.stringContaining(`[T-${first}]`)]);
    const said = (await commentBodies(h, issue)).join("\n");
    expect(said).toContain("GitHub refused to create its task branch `autopilot/T-");
    expect(said).toContain("Required status check");
    expect(said).toContain("exclude `autopilot/**` from it");

    // the next task is held at once, without meeting the refusal again
    const next = await label(h, "Filter widget lists", "src/filters/**");
    expect(await taskStatus(h, `T-${next}`)).toBeUndefined();
    expect((await commentBodies(h, next)).join("\n")).toContain("Autopilot has not dispatched this issue");
    expect(await branches(h)).not.toContain(expect.stringMatching(/^autopilot\/T-(?!1-)/));

    // the administrator excludes task branches; after the rules are read again (a restart here), both start
    await h.user.rest.repos.updateRepoRuleset({
      ...repo,
      ruleset_id: ruleset,
      conditions: { ref_name: { include: ["~ALL"], exclude: ["refs/heads/autopilot/**"] } },
    });
    await sweepAfterRestart(h);
    expect(await taskStatus(h, `T-${issue}`)).toBe("in_progress");
    expect(await taskStatus(h, `T-${next}`)).toBe("in_progress");
    expect(await openPulls(h)).toHaveLength(3);
    expect((await commentBodies(h, issue)).join("\n")).toContain("this task has been dispatched");
  });

  it("starts tasks as usual when the ruleset lists the app in its bypass list", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    await checksEverywhere(h, { bypassApp: true });
    const issue = await label(h, "Paginate widget lists", "src/widgets/**");
    expect(await taskStatus(h, `T-${issue}`)).toBe("in_progress");
    expect(await openPulls(h)).toEqual([expect.stringContaining(`[T-${issue}]`)]);
    expect((await commentBodies(h, issue)).join("\n")).not.toContain("has not dispatched");
  });
});
