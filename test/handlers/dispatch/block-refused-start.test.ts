import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import { GraphqlRefusal } from "../../../src/github/index.js";
import { startRefusedByRules } from "../../../src/handlers/dispatch/block-refused-start.js";
import { evaluateReadiness } from "../../../src/handlers/readiness/evaluate-readiness.js";
import { contextOn, fakeGitHubPort, githubError } from "../../helpers/fake-github-port.js";
import { testServices } from "../../helpers/test-services.js";

const violation = 'Repository rule violations found\n\nRequired status check "ci/test" is expected.';

describe("a task start GitHub refuses for good", () => {
  it("is told apart from a duplicate, a race or an outage by GitHub's answer", () => {
    expect(startRefusedByRules(new GraphqlRefusal("createRef", "UNPROCESSABLE", violation))).toBe(violation);
    expect(
      startRefusedByRules(
        new GraphqlRefusal("createRef", "FORBIDDEN", "Cannot create ref due to creations being restricted."),
      ),
    ).toContain("creations being restricted");
    expect(startRefusedByRules(githubError(422, violation))).toBe(violation);
    expect(startRefusedByRules(githubError(422, "Changes must be made through a pull request."))).toBeDefined();
    // not a rule: GitHub's duplicate, a lost race, a missing permission, an outage
    const duplicate = 'A ref named "refs/heads/autopilot/T-4-x" already exists in the repository.';
    expect(startRefusedByRules(new GraphqlRefusal("createRef", "UNPROCESSABLE", duplicate))).toBeUndefined();
    expect(
      startRefusedByRules(new GraphqlRefusal("createCommitOnBranch", "STALE_DATA", "Expected head")),
    ).toBeUndefined();
    expect(startRefusedByRules(githubError(403, "Resource not accessible by integration"))).toBeUndefined();
    expect(startRefusedByRules(githubError(502, "Server Error"))).toBeUndefined();
    expect(startRefusedByRules(new Error("socket hang up"))).toBeUndefined();
  });

  it("makes the next readiness evaluation read the rules again, and holds new tasks meanwhile", async () => {
    const github = fakeGitHubPort({ branches: { main: {}, "autopilot/state": {} } });
    const services = testServices();
    const ctx = contextOn(github, defaultConfig(), services);
    const at = new Date("2026-01-01T00:00:00Z");
    await evaluateReadiness(ctx, "autopilot[bot]", at);
    const rulesRead = () => github.callsTo("branchRules").map(([branch]) => branch);
    // the task branches' rules are read with the state branch's, by a name like a task's
    expect(rulesRead()).toEqual(expect.arrayContaining(["autopilot/state", "autopilot/T-1-task"]));
    await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:01:00Z"));
    expect(rulesRead()).toHaveLength(2);

    const repo = `${ctx.owner}/${ctx.repo}`;
    services.readiness.keepStartRefusal(repo, at.getTime() + 90_000, "GitHub refused to create the task branch x");
    await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:02:00Z"));
    expect(rulesRead()).toHaveLength(4);
    expect(services.readiness.startRefusal(repo, at.getTime() + 5 * 60_000)).toContain("refused");
    expect(services.readiness.startRefusal(repo, at.getTime() + 12 * 60_000)).toBeUndefined();
  });

  it("leaves out the rules of a ruleset whose bypass list lets the app through, and only those", async () => {
    const creation = [{ type: "creation", ruleset_id: 4 }];
    const rowFor = async (bypass: string | undefined) => {
      const github = fakeGitHubPort(
        { branches: { main: {}, "autopilot/state": {} } },
        {
          branchRules: async (branch) => (branch === "autopilot/T-1-task" ? creation : []),
          rulesetBypass: async (id) => (id === 4 ? bypass : undefined),
        },
      );
      const ctx = contextOn(github, defaultConfig(), testServices());
      const readiness = await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:00:00Z"));
      expect(github.callsTo("rulesetBypass")).toEqual([[4]]);
      return readiness.rows.find((row) => row.id === "task-branches")?.result;
    };
    expect(await rowFor("always")).toBe("ok");
    expect(await rowFor("exempt")).toBe("ok");
    // a bypass for pull requests only still leaves the app's pushes to the rule
    expect(await rowFor("pull_requests_only")).toBe("fail");
    expect(await rowFor("never")).toBe("fail");
    expect(await rowFor(undefined)).toBe("fail");
  });
});
