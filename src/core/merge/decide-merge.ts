import { codeSpan, inlineText } from "../markdown-text.js";
import type { SettledThread } from "./review-threads.js";
import { checkProblem, requiredCheckProblems } from "./check-problems.js";
import type { CheckProblem } from "./check-problems.js";
import { changesRequestedBy, countApprovals } from "./count-approvals.js";
import { normalizeLogin } from "./normalize-login.js";
import { ownerCoverageProblems } from "./owner-coverage.js";
import { gateNames, reviewCheckName, waitingWords } from "./merge-input.js";
import type { MergeDecisionResult, MergeInput } from "./merge-input.js";
import { policyCell } from "./policy-cell.js";
import { requiredCheckOf, selectRequiredChecks } from "./required-checks.js";

const wait = (reason: string, waitingFor: string[]): MergeDecisionResult => ({ action: "wait", reason, waitingFor });

/** A wait on checks: a failed check waits for a new push (the agent can still fix it), a pending one for its result. */
function waitOnChecks(problems: CheckProblem[], extra: string[] = []): MergeDecisionResult {
  const failed = problems.filter((problem) => problem.failed);
  const lead = failed.length > 0 ? "waiting for a push that fixes the failed checks" : "waiting for checks on the head";
  const reason = `${lead}: ${problems.map((problem) => problem.text).join("; ")}`;
  return wait(reason, [...problems.map((problem) => problem.name), ...extra]);
}

/** Problems of the required checks, counting each only from a source it may come from. */
function requiredProblems(input: MergeInput): CheckProblem[] {
  const required = input.config.merge.required_checks.map(requiredCheckOf);
  const { counted, ignored } = selectRequiredChecks(required, input.requiredChecks, input.agent);
  return requiredCheckProblems(
    required.map((check) => check.name),
    counted,
    input.pull.headSha,
  ).map((problem) => {
    const left = ignored.get(problem.name);
    return left === undefined ? problem : { ...problem, text: `${problem.text} (not counted: ${left.join("; ")})` };
  });
}

/** A review that rejected this head holds the merge even when reviews are not required (a `/review` run). */
const rejectedOnHead = (input: MergeInput): boolean =>
  input.review?.headSha === input.pull.headSha && input.review.conclusion === "failure";

/** Where each conversation is, who opened it and who resolved it without standing; the path is the change's, so disarmed. */
function settledThreadsReason(settled: readonly SettledThread[]): string {
  const each = settled.map((thread) => {
    const where = codeSpan(thread.line === null ? thread.path : `${thread.path}:${thread.line}`, 200);
    const by = thread.resolvedBy === null ? "an app" : inlineText(thread.resolvedBy, 60);
    return `the conversation at ${where} opened by ${inlineText(thread.openedBy ?? "someone", 60)} was resolved by ${by}`;
  });
  return `${each.join("; ")}: only its opener or an owner settles it, so the merge waits until one of them resolves it again`;
}

/**
 * What to do with a task's pull request now. Safe by construction: every path that is not
 * certain ends in `wait`, `never` or `ask_owner`, and `merge` needs all of these at once, judged
 * on the same head commit whose SHA the merge is pinned to:
 *
 * 1. the PR is open (closed or merged → `never`) and Autopilot is not paused (`wait`);
 * 2. the policy cell for the task's risk × mode is not `never` (→ `never`);
 * 3. the three gates succeeded on the head, and the review too when `review.enabled` (when it
 *    is not, a review that still ran, e.g. on `/review`, holds the merge if it failed on the head);
 *    a draft whose gates and accepted review are green → `mark_ready` (a draft without a review
 *    waits for the agent to mark it ready); a failed check → `wait` for a fixing push, since
 *    the agent can still repair it and the review handler moves the task back to in_progress;
 * 4. every `merge.required_checks` succeeded on the head, from the source it may come from (a
 *    pinned check only from its app; a commit status never from one of the change's own accounts);
 * 5. GitHub knows the PR is mergeable (null → `wait`; conflicts → `ask_owner`);
 * 6. the head contains the base (behind → `update_branch`, pinned to the head it saw); this comes
 *    before approvals because updating moves the head and an approval counts only on the head;
 * 7. no owner's latest review requests changes (under any cell: a person's objection holds the
 *    merge until they approve or their review is dismissed, even when a commit claims them as its
 *    author: only the change's declared accounts are its own here), and, on a base that requires
 *    conversations resolved, no person's conversation was resolved by someone who may not settle it;
 * 8. under `approval`: `required_approvals` owners who are none of the change's own accounts (the
 *    agent, its committers, the PR author, the app) approved this head,
 *    and every changed file with code owners has an approval from one of its own owners.
 *
 * The review is one of these conditions and never a sufficient one: with any other missing,
 * an accepting review changes nothing.
 */
export function decideMerge(input: MergeInput): MergeDecisionResult {
  const { pull, task, config } = input;
  const head = pull.headSha;

  if (pull.state !== "open") return { action: "never", reason: `pull request #${pull.number} is ${pull.state}` };
  if (input.paused) return wait("Autopilot is paused; `/resume` continues", [waitingWords.resume]);

  const cell = policyCell(config.merge, task.risk, task.mode);
  if (cell.decision === "never") {
    return {
      action: "never",
      reason: `the merge policy says never for a ${task.risk}-risk task in mode \`${task.mode}\`; an owner merges it by hand`,
    };
  }

  const reviewRequired = config.review.enabled;
  const gateProblems = gateNames.flatMap((name) => checkProblem(name, input.gates[name], head) ?? []);
  const reviewProblem =
    reviewRequired || rejectedOnHead(input) ? checkProblem(reviewCheckName, input.review, head) : undefined;
  const ownChecks = reviewProblem === undefined ? gateProblems : [...gateProblems, reviewProblem];

  if (pull.draft) {
    if (!reviewRequired) {
      const reason = "the pull request is a draft and the review is disabled: the agent or an owner marks it ready";
      return ownChecks.length > 0
        ? waitOnChecks(ownChecks, [waitingWords.readyForReview])
        : wait(reason, [waitingWords.readyForReview]);
    }
    return ownChecks.length > 0 ? waitOnChecks(ownChecks) : { action: "mark_ready" };
  }

  const checkProblems = [...ownChecks, ...requiredProblems(input)];
  if (checkProblems.length > 0) return waitOnChecks(checkProblems);

  if (pull.mergeable === null) return wait("GitHub is computing mergeability", [waitingWords.mergeability]);
  if (!pull.mergeable) {
    return {
      action: "ask_owner",
      reason: `conflicts: pull request #${pull.number} does not merge cleanly into its base`,
    };
  }
  if (pull.behindBase) return { action: "update_branch", expectedHeadSha: head };

  const objecting = changesRequestedBy({
    reviews: input.approvals,
    owners: input.owners,
    declaredAccounts: input.declaredAccounts,
    author: pull.author,
  });
  if (objecting.length > 0) {
    const overruled = (input.overruledDismissals ?? []).filter((item) =>
      objecting.some((login) => normalizeLogin(login) === normalizeLogin(item.reviewer)),
    );
    const why = overruled.map(
      (item) =>
        `; ${inlineText(item.dismissedBy || "someone", 60)}'s dismissal of ${inlineText(item.reviewer, 60)}'s review does not count: only an owner who is none of the change's own accounts lifts it`,
    );
    return wait(
      `${objecting.join(", ")} requested changes: the merge waits until they approve the head or their review is dismissed${why.join("")}`,
      [waitingWords.approvals],
    );
  }
  const settled = input.settledThreads ?? [];
  if (settled.length > 0) return wait(settledThreadsReason(settled), [waitingWords.approvals]);

  if (cell.decision === "approval") {
    const required = config.merge.required_approvals;
    const { approvedBy, notCounted } = countApprovals({
      reviews: input.approvals,
      owners: input.owners,
      agent: input.agent,
      author: pull.author,
      headSha: head,
      ...(input.withoutWriteAccess ? { withoutWriteAccess: input.withoutWriteAccess } : {}),
    });
    const uncovered = ownerCoverageProblems(input.ownerGroups ?? [], approvedBy);
    const why =
      cell.tightened ?? `the merge policy asks for approval on a ${task.risk}-risk task in mode \`${task.mode}\``;
    if (approvedBy.length < required) {
      const who =
        input.owners.length === 0
          ? "no owner is known (set `owners` or add CODEOWNERS)"
          : `from ${input.owners.join(", ")}`;
      const details = [
        ...(notCounted.length > 0 ? [`; not counted: ${notCounted.join("; ")}`] : []),
        ...uncovered.map((line) => `; ${line}`),
      ].join("");
      return wait(
        `${why}: ${approvedBy.length} of ${required} approval(s) on the head ${head.slice(0, 7)} ${who}${details}`,
        [waitingWords.approvals],
      );
    }
    if (uncovered.length > 0) {
      const details = notCounted.length > 0 ? `; not counted: ${notCounted.join("; ")}` : "";
      return wait(
        `${why}: code owners have not approved the head ${head.slice(0, 7)}: ${uncovered.join("; ")}${details}`,
        [waitingWords.approvals],
      );
    }
  }

  return { action: "merge", method: config.merge.method, sha: head };
}
