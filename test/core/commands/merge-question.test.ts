import { describe, expect, it } from "vitest";
import {
  askQuestions,
  commentQuestions,
  mergeAnswerMove,
  mergeChoices,
  mergeQuestionDraft,
  mergeStopOf,
  mergeStopText,
  renderMergeSendBack,
  renderQuestionsComment,
  answeredInHistory,
  mergeAnswerReason,
  sentBackAt,
  type MergeStop,
} from "../../../src/core/commands/index.js";

const head = "0123456789abcdef0123456789abcdef01234567";
const conflict: MergeStop = { pr: 12, taskId: "T-3", headSha: head, base: "main", cause: { kind: "conflict" } };
const refused: MergeStop = {
  ...conflict,
  cause: { kind: "refused", message: 'Required status check "ci/e2e" is expected. <b>@admins</b>' },
};

describe("the merge question", () => {
  it("says what stops the merge, on which head, with three choices and sending back recommended for a conflict", () => {
    const draft = mergeQuestionDraft(conflict);
    expect(draft.question).toBe(
      "Autopilot cannot merge #12 at `0123456`: it conflicts with `main` (GitHub reports that it does not merge cleanly). How should T-3 go on?",
    );
    expect(draft.options).toHaveLength(3);
    expect(draft.options[0]).toMatch(/^I fixed it on the branch \(or changed the rule\): judge the pull request again/);
    expect(draft.options[1]).toMatch(/^send it back to the agent/);
    expect(draft.options[2]).toMatch(/^block/);
    expect(draft.recommendation).toMatch(/^2 \(send back\)/);
    expect(draft.field).toBeUndefined();
  });

  it("quotes GitHub's refusal escaped and recommends judging again once the rule is settled", () => {
    const draft = mergeQuestionDraft(refused);
    expect(draft.question).toContain(
      'GitHub refused the merge with "Required status check "ci/e2e" is expected. &lt;b&gt;`@`admins&lt;/b&gt;"',
    );
    expect(draft.question).not.toContain("<b>");
    expect(draft.recommendation).toMatch(/^1 \(judge again\)/);
    expect(
      mergeQuestionDraft({ ...conflict, cause: { kind: "other", reason: "the base is locked" } }).question,
    ).toContain("`0123456`: the base is locked.");
  });

  it("names the push restriction, escapes GitHub's words and recommends a person's merge or the app listed", () => {
    const draft = mergeQuestionDraft({
      ...conflict,
      base: "release`1",
      cause: { kind: "push_access", message: "You're not authorized to push to this branch. <img src=x>" },
    });
    expect(draft.question).toContain(
      'GitHub refused the merge with "You\'re not authorized to push to this branch. &lt;img src=x&gt;"',
    );
    expect(draft.question).toContain('"Restrict who can push to matching branches"');
    expect(draft.question).toContain("``release`1``");
    expect(draft.recommendation).toMatch(/^merge #12 yourself if you may push to ``release`1``/);
    expect(draft.recommendation).toContain("choose 1 (judge again)");
    expect(draft.options).toHaveLength(3);
  });

  it("is the same question for the same stop on the same head, and a new one on a new head", () => {
    expect(mergeQuestionDraft(conflict)).toEqual(mergeQuestionDraft({ ...conflict }));
    expect(mergeQuestionDraft({ ...conflict, headSha: "f".repeat(40) }).question).not.toBe(
      mergeQuestionDraft(conflict).question,
    );
    const at = "2025-01-02T03:04:05Z";
    const ask = (doc: Parameters<typeof askQuestions>[0], stop: MergeStop) =>
      askQuestions(doc, {
        task: "T-3",
        kind: "merge",
        thread: { pr: 12 },
        drafts: [mergeQuestionDraft(stop)],
        comment: 9,
        at,
        withdrawReason: "a newer merge decision replaced it",
      });
    const first = ask({ items: [] }, conflict);
    const again = ask(first.doc, conflict);
    expect(first.created).toEqual(["Q-1"]);
    expect(again.created).toEqual([]);
    const moved = ask(again.doc, { ...conflict, headSha: "f".repeat(40) });
    expect(moved.created).toEqual(["Q-2"]);
    expect(moved.withdrawn).toEqual(["Q-1"]);
    const body = renderQuestionsComment(
      moved.doc,
      "merge",
      commentQuestions(moved.doc, { task: "T-3", kind: "merge", thread: { pr: 12 } }),
    );
    expect(body).toContain("**Question 2** — Autopilot cannot merge #12 at `fffffff`");
    expect(body).toContain("1. I fixed it on the branch");
    expect(body).toContain("Recommended: 2 (send back)");
    expect(body).not.toContain("Question 1");
  });

  it("gives back the stop sentence of a recorded question", () => {
    expect(mergeStopOf(mergeQuestionDraft(conflict).question, "T-3")).toBe(mergeStopText(conflict));
    expect(mergeStopOf("something else", "T-3")).toBe("something else");
  });
});

describe("answers to a merge question", () => {
  it.each([
    ["1", "judge_again", undefined],
    ["fixed", "judge_again", undefined],
    ["fixed: rebased on main", "judge_again", "rebased on main"],
    ["2", "send_back", undefined],
    ["2 keep both sort orders", "send_back", "keep both sort orders"],
    ["agent: merge main first", "send_back", "merge main first"],
    ["3", "block", undefined],
    ["Block until the release", "block", "until the release"],
    ["Keep their version of sort.ts", "send_back", "Keep their version of sort.ts"],
    ["12 conflicts", "send_back", "12 conflicts"],
    ["4", "send_back", "4"],
  ])("%s → %s", (text, choice, note) => {
    expect(mergeAnswerMove(text)).toEqual({ choice, ...(note ? { note } : {}) });
  });

  it("numbers the choices as the question shows them", () => {
    expect(mergeChoices.map((choice) => choice.choice)).toEqual(["judge_again", "send_back", "block"]);
  });
});

describe("the notice that sends a stuck merge back to the agent", () => {
  it("says what stops the merge and quotes the owner's words as data, mentioning a mention-dispatched agent", () => {
    const body = renderMergeSendBack({
      taskId: "T-3",
      stop: mergeStopText(conflict),
      by: "octocat",
      note: "keep <both> @mona",
      mention: "@coder",
      redispatch: "@coder mentioned",
    });
    expect(body.startsWith("@coder Autopilot cannot merge #12 at `0123456`: it conflicts with `main`")).toBe(true);
    expect(body).toContain("The owner octocat sent T-3 back to the agent");
    expect(body).toContain("> keep &lt;both&gt; `@`mona");
    expect(body).toContain("mark the pull request ready for review");
    expect(renderMergeSendBack({ taskId: "T-3", stop: "x.", by: "octocat", redispatch: "none" })).not.toContain("\n> ");
  });
});

describe("the answer's trace in the task's history", () => {
  const other = "f".repeat(40);
  const sentBack = {
    to: "in_progress",
    reason: mergeAnswerReason({ questionId: "Q-4", by: "octocat", choice: "send_back", headSha: head }),
  };

  it("names the head a send back returned, so that head is not marked ready again, and a new push is", () => {
    expect(sentBack.reason).toBe("answer to Q-4 by @octocat: send back (head 0123456)");
    expect(sentBackAt([sentBack], head)).toBe(true);
    expect(sentBackAt([sentBack], other)).toBe(false);
    expect(sentBackAt([sentBack, { to: "review", reason: "#12 is ready for review" }], head)).toBe(false);
    expect(sentBackAt([], head)).toBe(false);
    const judged = {
      to: "review",
      reason: mergeAnswerReason({ questionId: "Q-4", by: "octocat", choice: "judge_again", headSha: head }),
    };
    expect(judged.reason).toBe("answer to Q-4 by @octocat: judge again");
    expect(sentBackAt([{ to: "in_progress", reason: "/unblock by @x: send back (head 0123456)" }], head)).toBe(false);
  });

  it("tells a redelivered answer from a new one by the question's id", () => {
    expect(answeredInHistory([sentBack], "Q-4")).toBe(true);
    expect(answeredInHistory([sentBack], "Q-40")).toBe(false);
    expect(answeredInHistory([], "Q-4")).toBe(false);
  });
});
