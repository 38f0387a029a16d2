import type { CheckState, NamedCheckState } from "./merge-input.js";

/** A check that is not yet green on the head, and why. */
export interface CheckProblem {
  name: string;
  /** true when the check finished without success on the head: only a new push or re-run helps */
  failed: boolean;
  text: string;
}

/** A check run, or the review's result (which carries no status: a null conclusion means running). */
type CheckLike = Pick<CheckState, "conclusion" | "headSha"> & { status?: CheckState["status"] };

const short = (sha: string): string => sha.slice(0, 7);

/**
 * Why a check does not count as passed on `headSha`, or undefined when it does. Only `success`
 * counts: `neutral` and `skipped` say nothing good about the code (GitHub's branch protection
 * accepts them for required checks; Autopilot, deciding without a human, is stricter).
 */
export function checkProblem(name: string, state: CheckLike | undefined, headSha: string): CheckProblem | undefined {
  if (state === undefined) return { name, failed: false, text: `${name} has not reported on ${short(headSha)}` };
  if (state.headSha !== headSha) {
    return {
      name,
      failed: false,
      text: `${name} last ran on ${short(state.headSha)}, not on the head ${short(headSha)}`,
    };
  }
  const completed = state.status === undefined ? state.conclusion !== null : state.status === "completed";
  if (!completed || state.conclusion === null) {
    return { name, failed: false, text: `${name} is ${state.status ?? "running"} on ${short(headSha)}` };
  }
  if (state.conclusion === "success") return undefined;
  return { name, failed: true, text: `${name} concluded ${state.conclusion} on ${short(headSha)}` };
}

/**
 * Problems of the configured required checks. Every configured name needs a run on the head;
 * when several runs of one name are given for the head (a re-run the caller did not filter out),
 * each must have succeeded, so a stale failure is never hidden behind a success.
 */
export function requiredCheckProblems(
  requiredNames: readonly string[],
  found: readonly NamedCheckState[],
  headSha: string,
): CheckProblem[] {
  return [...new Set(requiredNames)].flatMap((name) => {
    const runs = found.filter((run) => run.name === name);
    const onHead = runs.filter((run) => run.headSha === headSha);
    if (onHead.length === 0) {
      const latest = runs[runs.length - 1];
      const problem = checkProblem(name, latest, headSha);
      return problem === undefined ? [] : [problem];
    }
    const problem = onHead.map((run) => checkProblem(name, run, headSha)).find((item) => item !== undefined);
    return problem === undefined ? [] : [problem];
  });
}
