import { commitConfig, repoRef } from "./actors.js";
import { expectFound, expectThat } from "./expectation.js";
import { commentsOn, describeQueueLine, fileText, labelsOn, queueLine } from "./read-back.js";
import { settle, type DemoStep, type StepContext } from "./step.js";
import { readDispatchedTask } from "./task-lookup.js";
import { excerpt } from "./transcript.js";

/** The owner requires CI before any merge; the rest of the seeded configuration stays. */
export const setupStep: DemoStep = {
  number: 0,
  title: "acme/widgets with Autopilot installed",
  async run(context) {
    const { world, transcript } = context;
    const { owner } = world.actors;
    transcript.detail(
      `sandbox GitHub at ${world.sandbox.apiUrl}, app installed on acme, repository acme/widgets seeded`,
    );
    const current = expectFound(
      await fileText(owner, ".github/autopilot.yml"),
      "expected the seeded .github/autopilot.yml",
    );
    await commitConfig(
      owner,
      `${current.trimEnd()}\n\nmerge:\n  required_checks: [ci/test]\n`,
      "Require CI before Autopilot merges",
    );
    await settle(context);
    transcript.actor("octocat (owner)", "commits .github/autopilot.yml: merges also wait for the `ci/test` status");
    // as most teams have it: no direct push to main, a review and green CI on an up-to-date branch before any merge
    await owner.rest.repos.updateBranchProtection({
      ...repoRef,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["ci/test"] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    transcript.actor(
      "octocat (owner)",
      "protects main: pull requests only, one approving review, `ci/test` green on an up-to-date branch; no bypass for apps",
    );
    transcript.note("Autopilot never pushes to main: its queue lives on its own branch, autopilot/state.");
  },
};

const incompleteIssue = [
  "Lists of widgets come back whole; big workspaces time out. Return them in pages instead.",
  "",
  "```autopilot",
  "refs: [NT-0012]",
  'tests: ["npm test -- widgets"]',
  "```",
].join("\n");

/** How a questions comment numbers a question: `**Question 2**`, `Q-2` or a list item `2.`. */
const numberPatterns = [/\*\*Question (\d+)\*\*/i, /\bQ-(\d+)\b/, /^\s*(\d+)[.)]\s/];

const numberOn = (line: string): number | undefined => {
  for (const pattern of numberPatterns) {
    const found = pattern.exec(line)?.[1];
    if (found !== undefined) return Number(found);
  }
  return undefined;
};

/** The lines of a questions comment that ask something (they carry a question number). */
const questionLines = (comment: string): string[] =>
  comment.split("\n").filter((line) => numberOn(line) !== undefined && !line.startsWith("/answer"));

/** The number the questions comment gives the question about `field` (`**Question 1** — **scope**: …`). */
function questionNumber(comment: string, field: string): number | undefined {
  const line = questionLines(comment).find((text) => new RegExp(`\\b${field}\\b`, "i").test(text));
  return line === undefined ? undefined : numberOn(line);
}

async function askQuestions(context: StepContext, issue: number): Promise<{ scope: number; acceptance: number }> {
  const { world, transcript } = context;
  const { owner } = world.actors;
  const appComments = (await commentsOn(owner, issue)).filter((comment) => comment.author.endsWith("[bot]"));
  const questions = expectFound(
    appComments.find((comment) => questionNumber(comment.body, "scope") !== undefined),
    `expected Autopilot to ask numbered questions on #${issue} (the spec has no scope and no acceptance criteria); it posted ${appComments.length} comment(s), none asking${appComments.map((comment) => `\n  "${excerpt(comment.body, 1)}"`).join("")}`,
  );
  transcript.autopilot(`asks the owner on #${issue} (comment by ${questions.author}):`);
  transcript.detail(
    excerpt([questions.body.trim().split("\n")[0] ?? "", ...questionLines(questions.body)].join("\n"), 10),
  );
  const labels = await labelsOn(owner, issue);
  expectThat(
    labels.includes("autopilot:needs-owner"),
    `expected the label autopilot:needs-owner on #${issue}; it has ${labels.join(", ") || "none"}`,
  );
  transcript.autopilot(`labels #${issue}: ${labels.join(", ")}`);
  const line = await queueLine(owner, `T-${issue}`);
  if (line) transcript.autopilot(`queue: ${describeQueueLine(line)}`);
  const scope = expectFound(questionNumber(questions.body, "scope"), "expected a numbered question about the scope");
  const acceptance = expectFound(
    questionNumber(questions.body, "acceptance"),
    "expected a numbered question about the acceptance criteria",
  );
  return { scope, acceptance };
}

/** 1. The owner labels an incomplete issue; Autopilot asks; the owner answers with `/answer`; dispatch. */
export const dispatchStep: DemoStep = {
  number: 1,
  title: "an incomplete issue, the owner's answers, dispatch",
  async run(context) {
    const { world, transcript } = context;
    const { owner } = world.actors;
    const issue = (
      await owner.rest.issues.create({ ...repoRef, title: "Paginate widget lists", body: incompleteIssue })
    ).data.number;
    transcript.actor(
      "octocat (owner)",
      `opens #${issue} "Paginate widget lists" (a spec with refs and tests, but no scope and no acceptance criteria)`,
    );
    await owner.rest.issues.addLabels({ ...repoRef, issue_number: issue, labels: ["autopilot"] });
    transcript.actor("octocat (owner)", `labels #${issue} autopilot`);
    await settle(context);
    const numbers = await askQuestions(context, issue);

    const answer = [
      `/answer ${numbers.scope} ["src/widgets/**", "test/widgets/**"]`,
      `/answer ${numbers.acceptance} ["GET /widgets returns 50 widgets per page", "a cursor in the response fetches the next page"]`,
    ].join("\n");
    await owner.rest.issues.createComment({ ...repoRef, issue_number: issue, body: answer });
    transcript.actor("octocat (owner)", `comments on #${issue}:`);
    transcript.detail(answer);
    await settle(context);

    const body = (await owner.rest.issues.get({ ...repoRef, issue_number: issue })).data.body ?? "";
    expectThat(
      body.includes("src/widgets/**"),
      `expected /answer to write the scope into the \`\`\`autopilot block of #${issue}; the issue body has no scope (is /answer for spec questions implemented?)`,
    );
    transcript.autopilot(`records the answers and writes them into the spec of #${issue}:`);
    transcript.detail(excerpt(body.slice(body.indexOf("```autopilot")), 14));
    context.state.task = await readDispatchedTask(context, issue);
  },
};
