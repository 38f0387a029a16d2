import { isForkPull } from "../../core/queue/index.js";

/** The pull request as the gates need it; from the webhook payload, checked against the branch before publishing. */
export interface GatedPull {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  /** the head branch lives in another repository (a fork, or a deleted one): never a task */
  fromFork: boolean;
}

type PullSide = { ref: string; sha: string; repo?: { id?: number; full_name?: string } | null };

/** The gated pull from GitHub's representation of a pull request (full or the minimal one in check payloads). */
export const gatedPullOf = (pull: { number: number; head: PullSide; base: PullSide }): GatedPull => ({
  number: pull.number,
  headSha: pull.head.sha,
  headRef: pull.head.ref,
  baseRef: pull.base.ref,
  fromFork: isForkPull(pull),
});
