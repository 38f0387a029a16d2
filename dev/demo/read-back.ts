import { dashboardMarker } from "../../src/core/progress/render-dashboard.js";
import { repoRef, type DemoOctokit } from "./actors.js";

/*
 * What the story reads back from GitHub after each move, through the same REST API a person
 * would use: check runs and their annotations, comments, labels, files on a branch.
 */

export interface CheckRunView {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
}

export interface AnnotationView {
  path: string;
  line: number;
  level: string;
  message: string;
  title: string | null;
}

/** Every check run on a commit, newest first per name (GitHub lists them newest first). */
export async function checkRunsOn(octokit: DemoOctokit, sha: string): Promise<Map<string, CheckRunView>> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, { ...repoRef, ref: sha, per_page: 100 });
  const byName = new Map<string, CheckRunView>();
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    if (byName.has(run.name)) continue;
    byName.set(run.name, {
      id: run.id,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
      title: run.output.title,
      summary: run.output.summary,
    });
  }
  return byName;
}

export async function annotationsOf(octokit: DemoOctokit, checkRunId: number): Promise<AnnotationView[]> {
  const items = await octokit.paginate(octokit.rest.checks.listAnnotations, {
    ...repoRef,
    check_run_id: checkRunId,
    per_page: 50,
  });
  return items.map((item) => ({
    path: item.path,
    line: item.start_line,
    level: item.annotation_level ?? "notice",
    message: item.message ?? "",
    title: item.title ?? null,
  }));
}

export interface CommentView {
  id: number;
  author: string;
  body: string;
}

export async function commentsOn(octokit: DemoOctokit, issueNumber: number): Promise<CommentView[]> {
  const items = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repoRef,
    issue_number: issueNumber,
    per_page: 100,
  });
  return items.map((item) => ({ id: item.id, author: item.user?.login ?? "ghost", body: item.body ?? "" }));
}

export async function labelsOn(octokit: DemoOctokit, issueNumber: number): Promise<string[]> {
  const items = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
    ...repoRef,
    issue_number: issueNumber,
    per_page: 100,
  });
  return items.map((label) => label.name);
}

/** A file's text on a ref, or undefined when GitHub answers 404. */
export async function fileText(octokit: DemoOctokit, path: string, ref?: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repoRef, path, ...(ref ? { ref } : {}) });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** The API URL that serves a file's bytes (`curl -H "accept: application/vnd.github.raw" …`). */
export const contentsUrl = (apiUrl: string, path: string, ref: string): string =>
  `${apiUrl}/repos/${repoRef.owner}/${repoRef.repo}/contents/${path}?ref=${encodeURIComponent(ref)}`;

/** The app's state branch in the demo repository (the default `state_branch`). */
export const stateBranch = "autopilot/state";

/** The app's records pull request branch (`<branch_prefix>records`). */
export const recordsBranch = "autopilot/records";

/** The task's line of `ops/queue.jsonl` on the state branch, parsed; undefined when it has none. */
export async function queueLine(octokit: DemoOctokit, taskId: string): Promise<Record<string, unknown> | undefined> {
  const text = (await fileText(octokit, "ops/queue.jsonl", stateBranch)) ?? "";
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.id === taskId) return entry;
    } catch (error) {
      // an unparseable line is the app's to report (it keeps it byte for byte); it is not this task
      if (!(error instanceof SyntaxError)) throw error;
    }
  }
  return undefined;
}

/** The task's line as a person reads it: status, branch, PR and the last move in its history. */
export function describeQueueLine(entry: Record<string, unknown>): string {
  const history = Array.isArray(entry.history) ? (entry.history as Array<Record<string, unknown>>) : [];
  const last = history.at(-1);
  const move = last
    ? `; last move ${String(last.from ?? "new")} → ${String(last.to)} (${String(last.reason ?? "")})`
    : "";
  return `${String(entry.id)} status ${String(entry.status)}, branch ${String(entry.branch ?? "—")}, PR ${entry.pr ? `#${String(entry.pr)}` : "—"}${move}`;
}

/** The dashboard issue: the one whose body carries the app's hidden marker, open or closed. */
export async function findDashboard(
  octokit: DemoOctokit,
): Promise<{ number: number; state: string; title: string; body: string } | undefined> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repoRef, state: "all", per_page: 100 });
  const found = issues.find((issue) => !issue.pull_request && (issue.body ?? "").includes(dashboardMarker));
  return found ? { number: found.number, state: found.state, title: found.title, body: found.body ?? "" } : undefined;
}
