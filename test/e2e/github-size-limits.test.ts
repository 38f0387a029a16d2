import { afterEach, describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { pushCommit, startAppHarness, startTask, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * GitHub's limits on titles (256 characters) and bodies (65,536), which the sandbox enforces as
 * GitHub does: what the app writes from an owner's issue or a pusher's branch stays within them.
 */
describe("titles and bodies within GitHub's sizes, end to end", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("opens the draft PR of an issue whose title is as long as GitHub allows, its own title cut to 256", async () => {
    h = await startAppHarness();
    // 256 characters, GitHub's most for the issue: `[T-<n>] ` in front would pass the limit uncut
    const title = "Paginate widget lists and keep the cursor stable ".repeat(6).slice(0, 256);
    const { issue, pull } = await startTask(h, title, "src/widgets/**");
    expect(pull.draft).toBe(true);
    expect(pull.title).toHaveLength(256);
    expect(pull.title).toBe(`[T-${issue}] ${title.slice(0, 256 - `[T-${issue}] `.length - 1)}…`);
  });

  it("opens the draft PR of a spec whose escaped acceptance criteria would pass 65,536 characters", async () => {
    h = await startAppHarness();
    // within an issue's 65,536 characters; every `*` and `_` is escaped in the PR body's copy
    const criteria = Array.from({ length: 60 }, (_, index) => `  - "criterion ${index} ${"*_".repeat(440)}"`);
    const body = taskSpec("src/widgets/**", criteria);
    expect(body.length).toBeLessThanOrEqual(65_536);
    const number = (await h.user.rest.issues.create({ ...repo, title: "Widgets by the page", body })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: number, labels: ["autopilot"] });
    await h.settle();
    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${number}]`),
    );
    expect(pull?.draft).toBe(true);
    expect([...(pull?.body ?? "")].length).toBeLessThanOrEqual(65_536);
    expect(pull?.body).toContain("criterion 0 ");
    expect(pull?.body).toMatch(new RegExp(`- … and \\d+ more in \`ops/tasks/T-${number}\\.md\``));
  });

  it("tells the pusher of a credential on a branch named with 240 characters, the title cut to fit", async () => {
    h = await startAppHarness();
    const branch = `spike/${"b".repeat(234)}`;
    const main = (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await h.user.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main });
    const sha = await pushCommit(h.user, branch, "Try the API", {
      "spike.ts": `const key = "${fakeGithubToken()}";\n`,
    });
    await h.settle();
    const issues = (await h.user.rest.issues.listForRepo({ ...repo, creator: "autopilot[bot]", state: "open" })).data;
    const warning = issues.find((issue) => issue.title.startsWith("A credential was pushed to spike/"));
    expect(warning?.title).toHaveLength(256);
    expect(warning?.title.endsWith(`b… (${sha.slice(0, 7)})`)).toBe(true);
    expect(warning?.body).toMatch(/Rotate the credential/);
  });
});
