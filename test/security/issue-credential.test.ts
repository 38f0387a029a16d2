import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { pushCommit, setRepoConfig, startAppHarness, taskSpec, type AppHarness } from "../e2e/app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** Every commit message, ref name and file version in the repository's git history, as one text. */
function wholeHistory(h: AppHarness): string {
  const dir = h.sandbox.repo.git.dir;
  const log = execFileSync("git", ["-C", dir, "log", "--all", "-p", "--format=%H%n%B"], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString("utf8");
  const refs = execFileSync("git", ["-C", dir, "for-each-ref", "--format=%(refname)"]).toString("utf8");
  return `${refs}\n${log}`;
}

/**
 * An owner pastes a token into an issue (it happens: "here is the staging key"), and a second
 * one into a `/block` comment. Autopilot copies issue and comment text into the task file, the
 * queue, the PR and its replies: none of those may carry the token, the owner must hear once that
 * it has to be rotated, and the task's own secrets gate must not fail on the app's own files.
 */
describe("a credential pasted into an issue", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is written nowhere by the app, the owner is told once to rotate it, and the task still runs", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const token = fakeGithubToken();
    const inComment = fakeGithubToken();
    const body = `${taskSpec("src/widgets/**")}\n\nThe staging API wants this token: ${token}\n`;
    const issue = (await h.user.rest.issues.create({ ...repo, title: `Paginate widget lists (key ${token})`, body }))
      .data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    // an edit re-reads the issue: the notice must not come twice
    await h.user.rest.issues.update({ ...repo, issue_number: issue, body: `${body}\nAlso: pages of 50.\n` });
    await h.settle();

    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    );
    expect(pull, "the task is dispatched with the redacted text").toBeDefined();
    const taskFile =
      (await h.sandbox.repo.git.readFile(pull!.head.ref, `ops/tasks/T-${issue}.md`))?.content.toString("utf8") ?? "";
    expect(taskFile).toContain("[REDACTED:");
    expect(taskFile).toContain("Widget lists should come in pages.");

    await h.user.rest.issues.createComment({
      ...repo,
      issue_number: issue,
      body: `/block until ${inComment} is replaced`,
    });
    await h.settle();
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/unblock" });
    await h.settle();

    // the agent's first push: the gates judge the PR, whose diff holds the app's task file
    const sha = await pushCommit(h.user, pull!.head.ref, `Page the list\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/page.ts": "export const pageSize = 50;\n",
    });
    await h.settle();

    const history = wholeHistory(h);
    expect(history).toContain(`T-${issue}`);
    expect(history).not.toContain(token);
    expect(history).not.toContain(inComment);

    const { data: pr } = await h.user.rest.pulls.get({ ...repo, pull_number: pull!.number });
    const appComments = async (number: number) =>
      (await h!.user.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100 })).data.filter(
        (comment) => comment.user?.type === "Bot",
      );
    const written = [
      pr.title,
      pr.body ?? "",
      ...[...(await appComments(issue)), ...(await appComments(pr.number))].map((comment) => comment.body ?? ""),
    ];
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    written.push(...runs.map((run) => `${run.output.title ?? ""}\n${run.output.summary ?? ""}`));
    for (const text of written) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(inComment);
    }

    const notices = (await appComments(issue)).filter((comment) => /rotate it/i.test(comment.body ?? ""));
    expect(notices.map((comment) => comment.body)).toHaveLength(1);
    expect(notices[0]!.body).toMatch(/edit history/i);

    expect(runs.find((run) => run.name === "autopilot/secrets")).toMatchObject({
      status: "completed",
      conclusion: "success",
    });
  });

  it("is not written back when Autopilot writes an owner's answer into the issue", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const token = fakeGithubToken();
    const body = `${taskSpec("src/widgets/**").replace("risk: medium\n", "")}\n\nStaging token: ${token}\n`;
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/answer 1 medium" });
    await h.settle();

    const { data: after } = await h.user.rest.issues.get({ ...repo, issue_number: issue });
    expect(after.body).toContain("risk: medium");
    expect(after.body).not.toContain(token);
    expect(wholeHistory(h)).not.toContain(token);
  });
});
