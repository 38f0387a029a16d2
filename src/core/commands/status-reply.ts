import type { QueueEntry, QueueHistoryItem } from "../queue/index.js";
import { inlineText } from "../markdown-text.js";
import type { CheckConclusion } from "../merge/merge-input.js";

/** A check run on the head commit as GitHub reports it; `conclusion` is null while it runs. */
export interface CheckSummary {
  /** `autopilot/scope`, `autopilot/review`, or an external CI check */
  name: string;
  conclusion: CheckConclusion;
  /** the check's one-line title */
  title?: string;
  url?: string;
}

export interface StatusLinks {
  /** the task's pull request on GitHub */
  pr?: string;
  /** repository-wide: `/pause` is in effect */
  paused?: boolean;
}

const conclusionText: Record<NonNullable<CheckSummary["conclusion"]> | "running", string> = {
  success: "✅ passed",
  failure: "❌ failed",
  neutral: "⚪ neutral",
  cancelled: "⚪ cancelled",
  skipped: "⚪ skipped",
  timed_out: "❌ timed out",
  action_required: "⚠️ needs action",
  stale: "⚪ stale",
  running: "⏳ running",
};

/** `2024-05-01 10:02 UTC`: exact, and the same for every reader whatever their time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const moveText = (item: QueueHistoryItem): string =>
  `- ${formatTime(item.at)}: ${item.from === null ? "created as" : `\`${item.from}\` →`} \`${item.to}\` by ${inlineText(item.actor, 60)} — ${inlineText(item.reason, 160)}`;

function checkLine(check: CheckSummary): string {
  const name = check.url ? `[${inlineText(check.name, 80)}](${check.url})` : inlineText(check.name, 80);
  const title = check.title ? `: ${inlineText(check.title, 160)}` : "";
  return `- ${name} ${conclusionText[check.conclusion ?? "running"]}${title}`;
}

/**
 * The `/status` reply: a short, factual account of a task from its queue entry (status and since
 * when, its branch and PR, the last three moves) and the checks on its head commit, as given.
 * Without an entry it says the thread is not a task. Nothing here is guessed or summarised.
 */
export function statusReply(
  entry: QueueEntry | undefined,
  checks: readonly CheckSummary[],
  links: StatusLinks = {},
): string {
  const paused = links.paused
    ? ["Autopilot is paused for this repository (`/resume` ends it): nothing is dispatched or merged."]
    : [];
  if (entry === undefined) {
    return [
      ...paused,
      "This issue or pull request is not an Autopilot task. Add the `autopilot` label to an issue with a task spec to queue it.",
    ].join("\n\n");
  }
  const last = entry.history.at(-1);
  const since = last ? ` since ${formatTime(last.at)}` : "";
  const pr = entry.pr === null ? "no pull request yet" : links.pr ? `[#${entry.pr}](${links.pr})` : `#${entry.pr}`;
  const branch = entry.branch === null ? "" : `, branch \`${entry.branch}\``;
  const parts = [
    ...paused,
    `**${entry.id}** is \`${entry.status}\`${since} — risk \`${entry.risk}\`, mode \`${entry.mode}\`, ${pr}${branch}.`,
  ];
  const moves = entry.history.slice(-3).reverse();
  if (moves.length > 0) parts.push(["Last moves (newest first):", ...moves.map(moveText)].join("\n"));
  parts.push(
    checks.length === 0
      ? "No checks on the head commit yet."
      : ["Checks on the head commit:", ...checks.map(checkLine)].join("\n"),
  );
  return parts.join("\n\n");
}
