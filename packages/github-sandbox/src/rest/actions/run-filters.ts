import type { SandboxRequest } from "../../http/index.js";
import type { WorkflowRunState } from "../../state/index.js";

const one = (value: unknown): string | undefined =>
  Array.isArray(value)
    ? value[0] === undefined
      ? undefined
      : String(value[0])
    : value === undefined
      ? undefined
      : String(value);

/**
 * GitHub's `created` filter, in its search syntax: `>=2026-01-01T00:00:00Z`, `>`, `<=`, `<`,
 * `from..to`, or one date (that day). An unparseable date filters nothing out, as GitHub's search
 * ignores what it cannot read.
 */
export function createdMatcher(filter: string | undefined): (at: string) => boolean {
  if (!filter) return () => true;
  const ms = (text: string): number => Date.parse(text);
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) {
    const [from, to] = [ms(range[1] ?? ""), ms(range[2] ?? "")];
    if (Number.isNaN(from) || Number.isNaN(to)) return () => true;
    return (at) => ms(at) >= from && ms(at) <= to;
  }
  const compared = /^(>=|<=|>|<)(.+)$/.exec(filter);
  if (compared) {
    const bound = ms(compared[2] ?? "");
    if (Number.isNaN(bound)) return () => true;
    const op = compared[1];
    return (at) =>
      op === ">=" ? ms(at) >= bound : op === ">" ? ms(at) > bound : op === "<=" ? ms(at) <= bound : ms(at) < bound;
  }
  if (Number.isNaN(ms(filter))) return () => true;
  return (at) => at.startsWith(filter);
}

/** The runs the list endpoints' query keeps (`actor`, `branch`, `event`, `status`, `created`, `head_sha`, ...), newest first. */
export function filterRuns(runs: Iterable<WorkflowRunState>, request: SandboxRequest): WorkflowRunState[] {
  const query = request.query;
  const actor = one(query.actor)?.toLowerCase();
  const branch = one(query.branch);
  const event = one(query.event);
  const status = one(query.status);
  const headSha = one(query.head_sha);
  const suite = one(query.check_suite_id);
  const created = createdMatcher(one(query.created));
  return [...runs]
    .filter(
      (run) =>
        (actor === undefined || run.actor.login.toLowerCase() === actor) &&
        (branch === undefined || run.headBranch === branch) &&
        (event === undefined || run.event === event) &&
        (status === undefined || run.status === status || run.conclusion === status) &&
        (headSha === undefined || run.headSha === headSha) &&
        (suite === undefined || String(run.checkSuiteId) === suite) &&
        created(run.createdAt),
    )
    .sort((a, b) => b.id - a.id);
}
