/** How a finished review run ended, as its record says: `incomplete` is a review that errored. */
export type ReviewRunStatus = "complete" | "incomplete";
export type BranchCi = "success" | "failure" | "pending" | "unknown";
export type HealthLevel = "green" | "yellow" | "red";

export interface HealthInput {
  /** the latest review runs, oldest first */
  recentReviews: readonly ReviewRunStatus[];
  /** the combined CI state of the default branch's head */
  defaultBranchCi: BranchCi;
  /** the statuses and check runs that fail there, named in the reason */
  ciFailures?: readonly string[];
  /** tasks the stale sweeper found without activity for too long */
  stuckTasks: readonly string[];
}

export interface Health {
  level: HealthLevel;
  /** why the level is not green, worst first; empty when green */
  reasons: string[];
}

/** Review errors in a row that turn the health red: the provider or its keys are likely broken. */
export const reviewErrorsForRed = 3;

/** The run of errors at the end of the history: older errors followed by a success do not count. */
function trailingErrors(reviews: readonly ReviewRunStatus[]): number {
  let count = 0;
  for (let index = reviews.length - 1; index >= 0 && reviews[index] === "incomplete"; index -= 1) count += 1;
  return count;
}

/**
 * Red when something is broken for every task (reviews erroring repeatedly, CI red on the
 * default branch): the app pauses dispatching, so no new work is started on a broken base.
 * Yellow when some tasks are stuck: worth a look, nothing to stop for. Green otherwise.
 */
export function assessHealth(input: HealthInput): Health {
  const red: string[] = [];
  const yellow: string[] = [];
  const errors = trailingErrors(input.recentReviews);
  if (errors >= reviewErrorsForRed) red.push(`the last ${errors} reviews ended in errors`);
  if (input.defaultBranchCi === "failure") {
    const failing = [...new Set(input.ciFailures ?? [])];
    red.push(`CI is failing on the default branch${failing.length > 0 ? ` (${failing.join(", ")})` : ""}`);
  }
  const stuck = [...new Set(input.stuckTasks)];
  if (stuck.length > 0) {
    yellow.push(`${stuck.length === 1 ? "1 task is" : `${stuck.length} tasks are`} stuck: ${stuck.join(", ")}`);
  }
  const level: HealthLevel = red.length > 0 ? "red" : yellow.length > 0 ? "yellow" : "green";
  return { level, reasons: [...red, ...yellow] };
}
