import { codeSpan, inlineText } from "../markdown-text.js";
import type { OwnerGroup } from "../owners/index.js";
import { normalizeLogin } from "./normalize-login.js";
import type { ApprovalReview, NamedCheckState } from "./merge-input.js";
import type { OpenThread } from "./review-threads.js";

/** A base branch's protection as `GET /branches/{branch}/protection` gives it (the parts a merge waits on). */
export interface ProtectionRules {
  /** 0 when reviews are not required */
  requiredApprovals: number;
  codeOwnerReviews: boolean;
  /** approvals of an older head do not count */
  dismissStale: boolean;
  requiredChecks: string[];
  /** the head must contain the base tip */
  strict: boolean;
  /** every review conversation must be resolved (`required_conversation_resolution`); undefined: not read */
  conversationResolution?: boolean;
}

/** What the app could learn about the base's protection with its own permissions. */
export type KnownProtection =
  /** the full rules (needs `administration: read`) */
  | { kind: "rules"; rules: ProtectionRules }
  /** `GET /branches/{branch}`'s summary (`contents: read`): whether it is protected, its required checks */
  | { kind: "summary"; protected: boolean; requiredChecks: string[] }
  /** nothing could be read */
  | { kind: "unknown" };

export interface ProtectionBlockersInput {
  base: string;
  headSha: string;
  author: string;
  protection: KnownProtection;
  /** GitHub's answer to the merge (a 405's message), if a merge was attempted */
  refusal?: string;
  /** `mergeable` and `mergeable_state` as GitHub reported them after the refusal */
  mergeable: boolean | null;
  mergeableState: string;
  /** the base has commits the head lacks */
  behindBase: boolean;
  /** every review on the PR, in GitHub's order */
  reviews: readonly ApprovalReview[];
  /** CODEOWNERS groups of the changed files (empty without CODEOWNERS) */
  ownerGroups: readonly OwnerGroup[];
  /** check runs and statuses found on the head for the required names, in any order */
  checks: readonly NamedCheckState[];
  /**
   * review threads left unresolved after a refusal, when the base requires (`required`) or may
   * require (`possible`: its protection could not be read) conversations resolved before a merge
   */
  unresolvedThreads?: { threads: readonly OpenThread[]; requirement: "required" | "possible" };
}

export type ProtectionBlockerKind =
  | "approvals"
  | "code_owners"
  | "check"
  | "behind"
  | "conflict"
  | "conversations"
  | "other";

/** One thing a person (or the app, for `behind`) must do before GitHub lets the PR merge. */
export interface ProtectionBlocker {
  kind: ProtectionBlockerKind;
  text: string;
}

const passing = new Set(["success", "neutral", "skipped"]);
const short = (sha: string): string => sha.slice(0, 7);

const deciding = new Set<ApprovalReview["state"]>(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** Each reviewer's latest deciding review (a comment does not replace a verdict), as GitHub counts them. */
function latestVerdicts(reviews: readonly ApprovalReview[]): ApprovalReview[] {
  const latest = new Map<string, ApprovalReview>();
  for (const review of reviews) {
    if (deciding.has(review.state)) latest.set(normalizeLogin(review.user), review);
  }
  return [...latest.values()];
}

/** Approvers GitHub can count: the latest verdict approves, not the author, on the head if stale ones are dismissed. */
function approversOf(input: ProtectionBlockersInput, dismissStale: boolean): string[] {
  const author = normalizeLogin(input.author);
  return latestVerdicts(input.reviews)
    .filter((review) => review.state === "APPROVED" && normalizeLogin(review.user) !== author)
    .filter((review) => !dismissStale || review.commitId === input.headSha)
    .map((review) => review.user);
}

const requiredApprovalsIn = (message: string | undefined): number | undefined => {
  const match = /At least (\d+) approving reviews? (?:is|are) required/i.exec(message ?? "");
  return match ? Number(match[1]) : undefined;
};

const codeOwnersIn = (message: string | undefined): string | undefined =>
  /Waiting on code owner review from (.+?)\.?$/i.exec(message ?? "")?.[1];

/** The required checks named in GitHub's message (`Required status check "ci/test" is expected.`). */
const checkIn = (message: string | undefined): string | undefined =>
  /Required status check "([^"]+)"/i.exec(message ?? "")?.[1];

const blocker = (kind: ProtectionBlockerKind, text: string): ProtectionBlocker => ({ kind, text });

function checkBlocker(
  name: string,
  checks: readonly NamedCheckState[],
  headSha: string,
): ProtectionBlocker | undefined {
  const onHead = checks.filter((check) => check.name === name && check.headSha === headSha);
  const where = `on ${short(headSha)}`;
  const check = codeSpan(name);
  if (onHead.length === 0) return blocker("check", `required check ${check} has not reported ${where}`);
  if (onHead.some((run) => run.status === "completed" && !passing.has(run.conclusion ?? ""))) {
    return blocker("check", `required check ${check} failed ${where}: it needs a push that fixes it, or a re-run`);
  }
  const running = onHead.some((run) => run.status !== "completed");
  return running ? blocker("check", `required check ${check} is still running ${where}`) : undefined;
}

const listed = (items: readonly string[], max = 3): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

/** Unresolved review threads, each where it is and who opened it (both disarmed: anyone may open a thread). */
function conversationBlocker(unresolved: NonNullable<ProtectionBlockersInput["unresolvedThreads"]>): ProtectionBlocker {
  const { threads, requirement } = unresolved;
  const where = threads.map((thread) => {
    const place = codeSpan(thread.line === null ? thread.path : `${thread.path}:${thread.line}`);
    return `${place} opened by ${thread.openedBy === undefined ? "a deleted account" : inlineText(`@${thread.openedBy}`, 60)}`;
  });
  const count = `${threads.length} unresolved review conversation${threads.length === 1 ? "" : "s"}`;
  const rule =
    requirement === "required"
      ? "the base requires every conversation resolved before merging"
      : "if the base requires conversations resolved before merging";
  return blocker(
    "conversations",
    `${count} (${rule}; Autopilot resolves only threads wholly its own): ${listed(where, 10)}: a person resolves ${threads.length === 1 ? "it" : "each"} on the pull request`,
  );
}

/**
 * What the base branch's protection still asks of a pull request that the merge policy would
 * merge, as things a person can act on: approving reviews (how many more), a code owner's approval
 * (whose, for which files), required checks that have not reported, are running or failed on the
 * head, a head behind a strict base (the app updates it), a conflict. Built from the protection
 * rules when the app may read them, else from what it can read (the branch summary's required
 * checks, CODEOWNERS, the reviews) and GitHub's own refusal message. When nothing specific is
 * known, GitHub's message is the blocker; empty when nothing blocks.
 */
export function protectionBlockers(input: ProtectionBlockersInput): ProtectionBlocker[] {
  const { protection, refusal, base, headSha } = input;
  const rules = protection.kind === "rules" ? protection.rules : undefined;
  const blockers: ProtectionBlocker[] = [];

  if (input.mergeable === false || input.mergeableState === "dirty") {
    const into = codeSpan(base);
    blockers.push(
      blocker("conflict", `conflicts with ${into}: merge ${into} into the branch and resolve the conflicts`),
    );
  }

  const required = rules?.requiredApprovals ?? requiredApprovalsIn(refusal) ?? 0;
  const approvers = approversOf(input, rules?.dismissStale ?? false);
  const approved = new Set(approvers.map(normalizeLogin));
  const covered = (group: OwnerGroup): boolean => group.logins.some((login) => approved.has(normalizeLogin(login)));
  const uncovered = input.ownerGroups.filter((group) => !covered(group));
  const ownerLine = (group: OwnerGroup, note = ""): ProtectionBlocker => {
    const owners = [...group.logins.map((login) => `@${login}`), ...group.unresolved];
    const who = owners.length > 0 ? listed(owners) : "an owner in CODEOWNERS";
    const files = listed(group.files.map((file) => codeSpan(file)));
    return blocker("code_owners", `needs an approving review from a code owner (${who}) for ${files}${note}`);
  };
  const messageOwners = codeOwnersIn(refusal);
  const ownersRequired = rules?.codeOwnerReviews === true || messageOwners !== undefined;
  // without the rules, whether code owners must approve is unknown: their approval is the one that surely counts
  const ownersAnswerApprovals = rules === undefined && !ownersRequired && uncovered.length > 0;
  if (approvers.length < required) {
    const missing = required - approvers.length;
    const reviews = `${missing} more approving review${missing === 1 ? "" : "s"}`;
    if (ownersAnswerApprovals) {
      const rule = `for a code-owner rule if ${codeSpan(base)} has one`;
      const note = ` (GitHub asks for ${reviews}; a code owner's counts for it, and ${rule})`;
      blockers.push(...uncovered.map((group) => ownerLine(group, note)));
    } else {
      const so = `${approvers.length} so far (${listed(approvers.map((login) => `@${login}`))})`;
      const have = approvers.length === 0 ? "none yet" : so;
      blockers.push(
        blocker("approvals", `needs ${reviews} from someone with write access who is not the author (${have})`),
      );
    }
  }

  if (ownersRequired) {
    blockers.push(...uncovered.map((group) => ownerLine(group)));
    // CODEOWNERS could not be matched here (a team, an email): GitHub's own words name the owners
    if (uncovered.length === 0 && messageOwners !== undefined) {
      // only handles as GitHub writes them are repeated as such (they notify the owners); anything else is disarmed
      const handles = messageOwners.match(/@[A-Za-z0-9-]+(?:\/[A-Za-z0-9._-]+)?/g) ?? [];
      const who = handles.length > 0 ? listed(handles, 5) : inlineText(messageOwners, 200);
      blockers.push({ kind: "code_owners", text: `needs an approving review from a code owner (${who})` });
    }
  }

  const checkNames = rules?.requiredChecks ?? (protection.kind === "summary" ? protection.requiredChecks : []);
  const named = checkIn(refusal);
  for (const name of new Set([...checkNames, ...(named === undefined ? [] : [named])])) {
    const blocker = checkBlocker(name, input.checks, headSha);
    if (blocker) blockers.push(blocker);
  }

  if (input.unresolvedThreads !== undefined && input.unresolvedThreads.threads.length > 0)
    blockers.push(conversationBlocker(input.unresolvedThreads));

  if (input.behindBase && (rules?.strict === true || input.mergeableState === "behind")) {
    const text = `branch is behind ${codeSpan(base)} and protection requires it up to date (the app will update it)`;
    blockers.push(blocker("behind", text));
  }

  if (blockers.length === 0 && refusal !== undefined) {
    blockers.push(blocker("other", `GitHub refused the merge: “${inlineText(refusal, 300)}”`));
  }
  if (blockers.length === 0 && input.mergeableState === "blocked") {
    const text =
      "GitHub reports the merge as blocked by a rule Autopilot cannot read (a ruleset, or protection it has " +
      "no permission to read): see the merge box below";
    blockers.push(blocker("other", text));
  }
  return blockers;
}

export interface ProtectionNoticeInput {
  taskId: string;
  base: string;
  headSha: string;
  blockers: readonly ProtectionBlocker[];
  protection: KnownProtection;
  refusal?: string;
}

/**
 * The PR comment that says what protection still blocks: its first line begins as every "will not
 * merge yet" note does (the dashboard lists it), then one item per blocker, GitHub's own words,
 * and what the app does next.
 */
export function renderProtectionNotice(input: ProtectionNoticeInput): string {
  const { taskId, base, blockers, protection } = input;
  const source =
    protection.kind === "rules"
      ? `read from the protection of ${codeSpan(base)}`
      : "from what Autopilot may read (without the `administration` permission, not every protection rule) " +
        "and GitHub's answer";
  const people = blockers.filter((blocker) => blocker.kind !== "behind");
  return [
    `Autopilot will not merge ${taskId} yet: the branch protection of ${codeSpan(base)} blocks the merge of ` +
      `${short(input.headSha)}.`,
    "",
    `The merge policy and Autopilot's checks are satisfied. ${people.length > 0 ? "What a person must do" : "What remains"} ` +
      `(${source}):`,
    "",
    ...blockers.map((blocker) => `- ${blocker.text}`),
    ...(input.refusal === undefined ? [] : ["", `GitHub said: “${inlineText(input.refusal, 300)}”`]),
    "",
    "Autopilot evaluates the merge again on each review, check and push, and on its periodic sweep; it merges as soon " +
      "as GitHub allows it, and edits this comment.",
  ].join("\n");
}
