import { markReady, repoRef, reportCi } from "./actors.js";
import { expectFound, expectThat } from "./expectation.js";
import {
  checkRunsOn,
  commentsOn,
  contentsUrl,
  describeQueueLine,
  fileText,
  findDashboard,
  queueLine,
  recordsBranch,
  stateBranch,
} from "./read-back.js";
import { scriptedFollowup } from "./reviewers.js";
import { settle, type DemoStep, type StepContext, type TaskRef } from "./step.js";
import { excerpt } from "./transcript.js";

/** The review comment as a reader skims it: the verdict, the summary, and the follow-ups section. */
function reviewHighlights(body: string): string {
  const lines = excerpt(body, 200).split("\n");
  const verdict = lines.filter((line) => line.startsWith("## ") || line.startsWith("> ")).slice(0, 2);
  const start = lines.findIndex((line) => /^#+ Follow-ups/i.test(line));
  const end = start === -1 ? -1 : lines.findIndex((line, index) => index > start && line.startsWith("#"));
  const followups =
    start === -1
      ? []
      : lines
          .slice(start, end === -1 ? undefined : end)
          .filter((line) => line.trim() !== "")
          .slice(0, 4);
  return [...verdict, ...followups].join("\n");
}

/** Reads the review Autopilot reported on the PR's head: the check run and its sticky comment. */
export async function reportReview(
  context: StepContext,
  task: TaskRef,
): Promise<{ conclusion: string | null; comment: string }> {
  const { owner } = context.world.actors;
  const head = (await owner.rest.pulls.get({ ...repoRef, pull_number: task.pr })).data.head.sha;
  const run = expectFound(
    (await checkRunsOn(owner, head)).get("autopilot/review"),
    `expected an autopilot/review check run on #${task.pr}'s head ${head.slice(0, 7)}; there is none`,
  );
  context.state.checks.set(run.id, run);
  context.transcript.autopilot(`reviews #${task.pr} with ${context.state.reviewers.label}:`);
  context.transcript.check("autopilot/review", run.conclusion, run.title);
  const comment = (await commentsOn(owner, task.pr)).find(
    (item) => item.author.endsWith("[bot]") && item.body.startsWith("<!-- autopilot:review -->"),
  );
  if (comment) context.transcript.detail(reviewHighlights(comment.body));
  return { conclusion: run.conclusion, comment: comment?.body ?? "" };
}

/** 3. The agent marks the PR ready; the two reviewers (or the scripted stand-in) review. */
export const reviewStep: DemoStep = {
  number: 3,
  title: "review",
  async run(context) {
    const { world, transcript, state } = context;
    const task = expectFound(state.task, "expected the task dispatched in step 1");
    transcript.note(`The reviewers are the ${state.reviewers.label}.`);
    await markReady(world.actors.agent, task.nodeId);
    transcript.actor("widget-agent (coding agent)", `marks #${task.pr} ready for review`);
    await settle(context);
    const review = await reportReview(context, task);
    expectThat(
      review.conclusion === "success",
      `expected autopilot/review to accept #${task.pr}; it concluded ${review.conclusion ?? "nothing"}`,
    );
    if (state.reviewers.scripted) {
      expectThat(
        review.comment.includes(scriptedFollowup.title),
        `expected the review comment on #${task.pr} to list the follow-up "${scriptedFollowup.title}"`,
      );
      transcript.autopilot(`notes the red-team reviewer's non-blocking follow-up: "${scriptedFollowup.title}"`);
    }
  },
};

/** What the merge recorded: the queue line, PROGRESS.md, the dashboard. */
async function reportRecords(context: StepContext, task: TaskRef): Promise<void> {
  const { owner } = context.world.actors;
  const { transcript } = context;
  const line = expectFound(await queueLine(owner, task.taskId), `expected ${task.taskId} in ops/queue.jsonl`);
  expectThat(
    line.status === "done",
    `expected ${task.taskId} to be done in ops/queue.jsonl; it is ${String(line.status)}`,
  );
  transcript.autopilot(`queue: ${describeQueueLine(line)}`);
  transcript.detail(
    `on the state branch ${stateBranch} → ${contentsUrl(context.world.sandbox.apiUrl, "ops/queue.jsonl", stateBranch)}`,
  );
  const records = (
    await owner.rest.pulls.list({ ...repoRef, head: `${repoRef.owner}:${recordsBranch}`, state: "open" })
  ).data[0];
  const recordsPull = expectFound(records, `expected the app's records PR from ${recordsBranch}`);
  const progress = expectFound(
    await fileText(owner, "docs/PROGRESS.md", recordsBranch),
    `expected docs/PROGRESS.md on ${recordsBranch}`,
  );
  const row = progress.split("\n").find((text) => text.includes(task.taskId));
  expectThat(row !== undefined, `expected docs/PROGRESS.md to mention ${task.taskId}`);
  transcript.autopilot(
    `records PR #${recordsPull.number} "${recordsPull.title}": docs/PROGRESS.md → ${contentsUrl(context.world.sandbox.apiUrl, "docs/PROGRESS.md", recordsBranch)}`,
  );
  transcript.detail(row.trim());
  const dashboard = await findDashboard(owner);
  if (dashboard) {
    transcript.autopilot(`dashboard: #${dashboard.number} "${dashboard.title}" (${dashboard.state})`);
    const mention = dashboard.body.split("\n").find((text) => text.includes(task.taskId));
    if (mention) transcript.detail(mention.trim());
    // the app refreshes the dashboard on a debounce timer after a transition, which settling does not wait for
    if (!mention || !/\bdone\b/.test(mention))
      transcript.detail(
        `(not yet refreshed for ${task.taskId}'s merge: the app refreshes the dashboard on a timer after each transition)`,
      );
  } else {
    transcript.autopilot("dashboard: not found (no issue carries <!-- autopilot:dashboard -->)");
  }
}

/** 4. CI reports green; Autopilot merges and records the task as done. */
export const mergeStep: DemoStep = {
  number: 4,
  title: "CI green, merge, records",
  async run(context) {
    const { world, transcript, state } = context;
    const { owner } = world.actors;
    const task = expectFound(state.task, "expected the task dispatched in step 1");
    const heads = await reportCi(world, task.pr, "success");
    transcript.actor(
      "acme-ci (CI)",
      `reports ci/test success on ${heads.map((sha) => sha.slice(0, 7)).join(", then ")}`,
    );
    // main's protection wants a person's approving review: Autopilot's merge is refused, and it says what is needed
    const held = (await owner.rest.pulls.get({ ...repoRef, pull_number: task.pr })).data;
    expectThat(
      !held.merged,
      `expected main's protection to hold #${task.pr} until a review approves it; it merged without one`,
    );
    const notice = expectFound(
      (await commentsOn(owner, task.pr)).find(
        (item) =>
          item.author.endsWith("[bot]") && item.body.includes("autopilot:merge-decision") && /approv/i.test(item.body),
      ),
      `expected Autopilot to say on #${task.pr} that main's protection needs an approving review; it says nothing`,
    );
    transcript.autopilot(
      `cannot merge #${task.pr} yet: main's protection wants an approving review. It says so on the PR:`,
    );
    const lines = notice.body
      .replace(/<!--[^]*?-->/g, "")
      .trim()
      .split("\n");
    transcript.detail(excerpt([lines[0] ?? "", ...lines.filter((line) => line.startsWith("- "))].join("\n"), 6));
    await owner.rest.pulls.createReview({
      ...repoRef,
      pull_number: task.pr,
      commit_id: held.head.sha,
      event: "APPROVE",
      body: "Read it: fine.",
    });
    transcript.actor("octocat (owner)", `approves #${task.pr}`);
    await settle(context);
    const pull = (await owner.rest.pulls.get({ ...repoRef, pull_number: task.pr })).data;
    expectThat(
      pull.merged,
      `expected Autopilot to merge #${task.pr} once gates, review, ci/test and the approval were there; it is ${pull.state}, not merged`,
    );
    transcript.autopilot(`merges #${task.pr} (${pull.merge_commit_sha?.slice(0, 7) ?? "?"}) and closes #${task.issue}`);
    const main = (await owner.rest.repos.listCommits({ ...repoRef, sha: "main", per_page: 1 })).data[0];
    if (main) transcript.detail(`main is at ${main.sha.slice(0, 7)} "${main.commit.message.split("\n")[0] ?? ""}"`);
    await reportRecords(context, task);

    if (!state.reviewers.scripted) return;
    const issues = await owner.paginate(owner.rest.issues.listForRepo, { ...repoRef, state: "open", per_page: 100 });
    const followup = expectFound(
      issues.find((item) => item.title === scriptedFollowup.title),
      `expected a follow-up issue "${scriptedFollowup.title}" opened after the merge`,
    );
    transcript.autopilot(`opens follow-up #${followup.number} "${followup.title}" → ${followup.html_url}`);
    transcript.detail(excerpt(followup.body ?? "", 4));
  },
};
