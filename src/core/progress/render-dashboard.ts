import { getEntry, listEntries } from "../queue/queue-document.js";
import type { QueueDocument } from "../queue/queue-document.js";
import type { QueueEntry } from "../queue/queue-entry.js";
import { dequeueReasonText } from "../queue/merge-queue-record.js";
import { queueStatuses } from "../queue/queue-status.js";
import { rollbackSection } from "../rollback/rollback-section.js";
import type { DatedReadinessRow } from "../readiness/readiness-row.js";
import { renderReadiness } from "../readiness/render-readiness.js";
import type { Health, HealthLevel } from "./assess-health.js";
import { cellText, countByStatus, formatMinute, lastMove, pullLink, table, taskLink } from "./progress-format.js";
import { queueChanges } from "./queue-changes.js";
import type { QueueChange } from "./queue-changes.js";

/** Hidden marker by which the app finds its dashboard issue again among all issues. */
export const dashboardMarker = "<!-- autopilot:dashboard -->";

export const isDashboardBody = (body: string | null | undefined): boolean => body?.includes(dashboardMarker) ?? false;

/** A task PR that waits for owner approvals, as the merge decision reported it. */
export interface PendingApproval {
  taskId: string;
  pr: number | null;
  /** the merge decision's reason, e.g. "0 of 1 approval(s) on the head …" */
  detail: string;
}

export interface DashboardInput {
  queue: QueueDocument;
  /** the queue before its latest change the dashboard saw; undefined on the first refresh */
  previous: QueueDocument | undefined;
  repoUrl: string;
  now: Date;
  approvalsPending: readonly PendingApproval[];
  health: Health;
  /** the readiness matrix; the section is left out without it */
  readiness?: readonly DatedReadinessRow[];
  paused: boolean;
  /** most rows per section; an issue body holds 65,536 characters */
  limit?: number;
}

const healthMark: Record<HealthLevel, string> = { green: "🟢", yellow: "🟡", red: "🔴" };

function healthLine(health: Health): string {
  const head = `${healthMark[health.level]} **Health: ${health.level}**`;
  if (health.level === "green") return `${head}: nothing needs attention.`;
  const reasons = health.reasons.map((reason) => cellText(reason, 300)).join("; ");
  const effect = health.level === "red" ? " New tasks are not dispatched until this clears." : "";
  return `${head}: ${reasons}.${effect}`;
}

/** Rows beyond the limit are counted, not shown. */
const capped = (items: readonly string[], limit: number): string[] =>
  items.length > limit ? [...items.slice(0, limit), `…and ${items.length - limit} more.`] : [...items];

function changeLine(change: QueueChange, repoUrl: string): string {
  const { entry } = change;
  const title = cellText(entry.title);
  if (change.kind === "removed") return `- ${entry.id} ${title}: removed from the queue`;
  const from = change.kind === "added" ? "new" : change.from;
  return `- ${taskLink(repoUrl, entry)} ${title}: ${from} → ${entry.status}`;
}

function changesSection(input: DashboardInput, limit: number): string[] {
  const lines = ["## What changed", ""];
  if (input.previous === undefined) return [...lines, "First refresh: everything below is new."];
  // the changes between the two latest queue states, so a refresh that finds nothing new says the same
  const changes = queueChanges(input.previous, input.queue);
  if (changes.length === 0) return [...lines, "Nothing changed."];
  return [
    ...lines,
    ...capped(
      changes.map((change) => changeLine(change, input.repoUrl)),
      limit,
    ),
  ];
}

const lastReason = (entry: QueueEntry): string => cellText(lastMove(entry)?.reason ?? "");

function waitingSection(input: DashboardInput, entries: QueueEntry[], limit: number): string[] {
  const { repoUrl } = input;
  const held = entries.filter((entry) => entry.status === "needs_owner" || entry.status === "blocked");
  const rows = held.map((entry) => [
    taskLink(repoUrl, entry),
    cellText(entry.title),
    entry.status,
    lastReason(entry),
    pullLink(repoUrl, entry.pr),
  ]);
  for (const pending of input.approvalsPending) {
    const entry = getEntry(input.queue, pending.taskId);
    const link = entry === undefined ? cellText(pending.taskId) : taskLink(repoUrl, entry);
    rows.push([
      link,
      cellText(entry?.title ?? ""),
      "approval",
      cellText(pending.detail, 200),
      pullLink(repoUrl, pending.pr),
    ]);
  }
  const lines = ["## Waiting for the owner", ""];
  if (rows.length === 0) return [...lines, "Nothing is waiting for you."];
  return [...lines, table(["Task", "Title", "Waiting on", "Why", "PR"], rows, limit)];
}

/** What GitHub's answer to a refused start means, for an entry recorded before the fix was. */
const refusalMeaning: Readonly<Record<number, string>> = {
  403: "the app may not start workflows: grant it `Actions: write`",
  404: "the workflow does not exist on the branch it is dispatched on",
  422: "the workflow does not take the dispatch (no `workflow_dispatch` trigger, or other inputs)",
};

/**
 * Tasks whose agent GitHub refused to start (404, 422, a 403 that is no rate limit): nothing
 * retries them until the owner fixes the workflow or `dispatch:`, so each row says why and what to
 * change. Shown only when there are some; a done task is past it.
 */
function refusedSection(input: DashboardInput, entries: QueueEntry[], limit: number): string[] {
  const refused = entries.filter((entry) => entry.start_refused && entry.status !== "done");
  if (refused.length === 0) return [];
  const rows = refused.map((entry) => {
    const { status, fix } = entry.start_refused!;
    const meaning = refusalMeaning[status] ?? "GitHub refused the dispatch";
    const fallback = `${meaning}; the comment on the PR says what to change`;
    return [
      taskLink(input.repoUrl, entry),
      cellText(entry.title),
      String(status),
      cellText(fix ?? fallback, 400),
      pullLink(input.repoUrl, entry.pr),
    ];
  });
  return [
    "## Agent start refused",
    "",
    "GitHub refused to start the coding agent for these tasks, and nothing retries them by itself. " +
      "Fix what the row says: a change of `dispatch:` in `.github/autopilot.yml` is tried at the next reconcile; " +
      "after a fix to the workflow itself, comment `/retry` on the issue.",
    "",
    table(["Task", "Title", "GitHub answered", "Fix", "PR"], rows, limit),
    "",
  ];
}

/**
 * A running task's status, with where its PR stands in the merge queue when Autopilot put it there:
 * in it at the head it judged, or out of it unmerged (why, in the owner's words).
 */
function statusText(entry: QueueEntry): string {
  const queued = entry.merge_queue;
  if (entry.status !== "review" || queued === undefined) return entry.status;
  if (queued.removed !== undefined)
    return cellText(`review · out of the merge queue: ${dequeueReasonText(queued.removed.reason)}`);
  return cellText(`review · in the merge queue of ${queued.base} at ${queued.head.slice(0, 7)}`);
}

function runningSection(input: DashboardInput, entries: QueueEntry[], limit: number): string[] {
  const { repoUrl } = input;
  const running = entries.filter((entry) => entry.status === "in_progress" || entry.status === "review");
  const lines = ["## Running now", ""];
  if (running.length === 0) return [...lines, "Nothing is running."];
  const rows = running.map((entry) => {
    const since = lastMove(entry)?.at;
    const sinceText = since === undefined ? "—" : formatMinute(since);
    return [taskLink(repoUrl, entry), cellText(entry.title), statusText(entry), pullLink(repoUrl, entry.pr), sinceText];
  });
  return [...lines, table(["Task", "Title", "Status", "PR", "Since"], rows, limit)];
}

/**
 * The body of the dashboard issue. It starts with the hidden marker so the app finds the issue
 * again, then says how healthy things are, whether Autopilot is ready (the readiness matrix: check,
 * principal, expected, result, since when), what changed since the previous refresh, what waits
 * for the owner (tasks in needs_owner or blocked, PRs waiting for approvals), whose agent GitHub
 * refused to start (only when there are some) and what runs now.
 * Deterministic: the same input (including \`now\`) gives the same body.
 */
export function renderDashboard(input: DashboardInput): string {
  const limit = input.limit ?? 50;
  const entries = listEntries(input.queue);
  const counts = countByStatus(entries);
  const summary = queueStatuses.map((status) => `${counts[status]} ${status}`).join(", ");
  const lines = [dashboardMarker, "# Autopilot dashboard", "", healthLine(input.health)];
  if (input.paused) lines.push("", "⏸️ **Paused**: nothing is dispatched or merged until an owner comments `/resume`.");
  lines.push("", `Refreshed ${formatMinute(input.now)}. ${entries.length} task(s): ${summary}.`, "");
  if (input.readiness !== undefined) lines.push(...renderReadiness(input.readiness), "");
  lines.push(
    ...changesSection(input, limit),
    "",
    ...waitingSection(input, entries, limit),
    "",
    ...refusedSection(input, entries, limit),
    ...rollbackSection(input.repoUrl, entries, limit),
    ...runningSection(input, entries, limit),
  );
  return `${lines.join("\n")}\n`;
}
