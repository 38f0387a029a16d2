import { afterEach, describe, expect, it } from "vitest";
import {
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * An outsider (no access, but the repository is public, so they may comment) writes comments full
 * of slash lines on any issue. Each refused line, each `/help` and the "only the first 10" note
 * used to be a comment of its own: eleven app comments, each notifying everyone on the thread,
 * for one of theirs, and GitHub allows an installation about 500 created comments an hour.
 * Now a comment gets at most one, and a comment that names no command gets nothing.
 */
describe("an outsider's comment flooding the thread with the app's replies", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const say = async (octokit: TestOctokit, number: number, body: string) => {
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
    await h!.settle();
    return data.id;
  };
  /** The comments an app (Autopilot) wrote on the thread. */
  const appComments = async (number: number) =>
    (await h!.user.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100 })).data
      .filter((comment) => comment.user?.type === "Bot")
      .map((comment) => comment.body ?? "");
  const plainIssue = async () =>
    (await h!.user.rest.issues.create({ ...repo, title: "Widgets are slow", body: "They take a while." })).data.number;
  /** A fresh harness, mallory (no access to the public repository) and an issue that is no task. */
  const malloryOnPlainIssue = async () => {
    const harness = await startAppHarness();
    h = harness;
    await setRepoConfig(harness, noMergeConfig);
    return { harness, mallory: await personWith(harness, "mallory", "none"), issue: await plainIssue() };
  };
  const lines = (make: (n: number) => string, count: number) =>
    Array.from({ length: count }, (_, index) => make(index + 1)).join("\n");

  it("eleven unknown slash lines on a plain issue get at most one reply (none: no command is named)", async () => {
    const { mallory, issue } = await malloryOnPlainIssue();
    await say(
      mallory,
      issue,
      lines((n) => `/x${n}`, 11),
    );
    const replies = await appComments(issue);
    expect(replies.length).toBeLessThanOrEqual(1);
    expect(replies).toEqual([]);
  });

  it("ten refused commands get a reaction on a plain issue and one refusal on a task's thread", async () => {
    const { mallory, issue, harness } = await malloryOnPlainIssue();
    const refused = ["/status", "/block no", "/unblock", "/pause", "/resume", "/retry", "/review", "/dispatch"];
    const comment = await say(mallory, issue, [...refused, "/ask why?", "/answer 1 yes", "/x11"].join("\n"));
    expect(await appComments(issue)).toEqual([]);
    const reactions = (await harness.user.rest.reactions.listForIssueComment({ ...repo, comment_id: comment })).data;
    expect(reactions.map((reaction) => [reaction.content, reaction.user?.type])).toEqual([["-1", "Bot"]]);

    const { issue: task } = await startTask(harness, "Paginate widget lists", "src/widgets/**");
    const before = (await appComments(task)).length;
    await say(mallory, task, refused.join("\n"));
    const replies = (await appComments(task)).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("Sorry @mallory");
    expect(replies[0]).toContain("`/status`, `/block`, `/unblock`");
  });

  it("ten `/help` lines get one help table", async () => {
    const { mallory, issue } = await malloryOnPlainIssue();
    await say(
      mallory,
      issue,
      lines(() => "/help", 10),
    );
    const replies = await appComments(issue);
    expect(replies.length).toBeLessThanOrEqual(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.match(/\*\*Autopilot commands\*\*/g)).toHaveLength(1);
  });

  it("`/tmp is full` from an outsider gets no comment at all", async () => {
    const { mallory, issue } = await malloryOnPlainIssue();
    await say(mallory, issue, "/tmp is full on my machine\nany idea?");
    expect(await appComments(issue)).toEqual([]);
  });
});
