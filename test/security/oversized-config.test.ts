import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** `owners: [octocat]` padded past 1 MB, where GitHub's contents API leaves the content out. */
const padded = ["owners: [octocat]", ...Array.from({ length: 13_000 }, (_, i) => `# ${"pad ".repeat(20)}${i}`)].join(
  "\n",
);

/**
 * A configuration over 1 MB: GitHub's JSON contents read answers `content: ""`, `encoding: none`.
 * Read as an empty file, it was the defaults (`owners: []`, not paused) for every path but the
 * gates: any writer could steer Autopilot. Whoever lands it: an owner by mistake, or a writer whose
 * padded file an owner approved unread ("Large diffs are not rendered by default").
 */
describe("attack: a configuration padded past what GitHub's contents API returns", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is refused as too large, so a writer outside the owners steers nothing", async () => {
    expect(Buffer.byteLength(padded)).toBeGreaterThan(1024 * 1024);
    h = await startAppHarness();
    await setRepoConfig(h, padded);
    const walter = await personWith(h, "walter", "write");
    const { data: issue } = await h.user.rest.issues.create({ ...repo, title: "Rework login" });
    await walter.rest.issues.createComment({ ...repo, issue_number: issue.number, body: "/pause" });
    await h.settle();
    const bodies = await commentBodies(h, issue.number);
    expect(bodies.some((body) => body.includes("paused"))).toBe(false);

    // an owner's label is told why nothing starts, and the config check names the size
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["autopilot"] });
    await h.settle();
    expect(await commentBodies(h, issue.number)).toContainEqual(
      expect.stringContaining("Autopilot cannot start this task: `.github/autopilot.yml`"),
    );
    const head = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const [run] = (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/config" })).data
      .check_runs;
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.summary).toMatch(/a configuration may be at most 524,288 bytes/);
  });
});
