import type { OverruledDismissal } from "./dismissed-objections.js";
import type { SettledThread } from "./review-threads.js";
import type { MergeConfig } from "../../config/config-schema.js";
import type { Mode, Risk } from "../task/task-spec.js";
import type { OwnerGroup } from "../owners/index.js";
import type { FoundCheck } from "./required-checks.js";

export { gateNames, reviewCheckName, type GateName } from "../check-names.js";
import type { GateName } from "../check-names.js";
import type { CheckState } from "./check-state.js";

export type { CheckConclusion, CheckState, CheckStatus, NamedCheckState } from "./check-state.js";

/** A pull request review as GitHub lists it; `commitId` is the head the reviewer saw. */
export interface ApprovalReview {
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  commitId: string;
  /** ISO time; null for a pending review */
  submittedAt: string | null;
}

export interface MergePull {
  number: number;
  draft: boolean;
  /** `merged` when GitHub says the PR is merged (its `state` is then `closed`) */
  state: "open" | "closed" | "merged";
  headSha: string;
  /** the base branch has commits the head lacks */
  behindBase: boolean;
  /** GitHub computes mergeability lazily: null means not known yet */
  mergeable: boolean | null;
  author: string;
}

/** Everything `decideMerge` looks at, as plain data gathered by the merge handler. */
export interface MergeInput {
  task: { id: string; risk: Risk; mode: Mode };
  pull: MergePull;
  /** the gates' latest runs; a missing gate has not run */
  gates: Partial<Record<GateName, CheckState>>;
  /** the latest `autopilot/review` run; undefined when none ran */
  review: Pick<CheckState, "conclusion" | "headSha"> | undefined;
  /**
   * Runs found for `config.merge.required_checks` (the latest per name; when several runs of a
   * name on the head are given, all of them must succeed). A configured name with no run is pending.
   */
  requiredChecks: FoundCheck[];
  /** every review on the PR, in the order GitHub lists them */
  approvals: ApprovalReview[];
  /**
   * logins whose approval counts toward `required_approvals`: `owners` from the config plus the
   * code owners of the changed files, resolved by the caller
   */
  owners: string[];
  /**
   * CODEOWNERS groups of changed files: each needs an approval from one of its owners (GitHub's
   * "require review from Code Owners"); absent or empty when there is no CODEOWNERS file
   */
  ownerGroups?: OwnerGroup[];
  /** approvers named as owners whom GitHub gives no write access: left out of `owners`, and said why */
  withoutWriteAccess?: string[];
  /**
   * The change's own accounts, which never approve it and whose commit statuses never count: the
   * app's bot, the PR author, the authors and committers of its commits, `agent_accounts` and the
   * dispatch handle.
   */
  agent: string[];
  /**
   * The part of `agent` no commit can claim (`declaredAccounts`: the app's bot, the PR author,
   * `agent_accounts`, the dispatch handle): only these drop a person's request for changes or
   * conversation as the change's own. Commit authors are whatever the commits' e-mails say.
   */
  declaredAccounts: string[];
  config: { merge: MergeConfig; review: { enabled: boolean } };
  /** the repository-wide `/pause` switch or `paused: true` in the config */
  paused: boolean;
  /**
   * on a base that requires conversations resolved: people's conversations resolved by someone
   * who may not settle them (`settledWithoutStanding`); read only once all else would merge
   */
  settledThreads?: SettledThread[];
  /** requests for changes whose dismissal did not count (`reinstateObjections`): whose, and who dismissed them */
  overruledDismissals?: OverruledDismissal[];
}

/** What the merge handler does next. Only `merge` merges, with `sha` pinned to the head it judged. */
export type MergeDecisionResult =
  | { action: "merge"; method: MergeConfig["method"]; sha: string }
  | { action: "update_branch"; expectedHeadSha: string }
  | { action: "wait"; reason: string; waitingFor: string[] }
  | { action: "mark_ready" }
  | { action: "never"; reason: string }
  | { action: "ask_owner"; reason: string };

/**
 * Stable words in `waitingFor` besides check names, so handlers and the dashboard can tell what
 * is pending without parsing the reason.
 */
export const waitingWords = {
  resume: "resume",
  readyForReview: "ready_for_review",
  mergeability: "mergeability",
  approvals: "approvals",
  /** the base branch's protection (reviews, code owners, required checks) holds a merge the policy would make */
  protection: "protection",
} as const;
