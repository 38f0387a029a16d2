/**
 * Markdown helpers for check-run summaries. Commit subjects and paths come from the pull request,
 * so they are escaped: a `|` must not break the table and raw HTML must not render.
 */

/** Rows shown per table; a check-run summary is capped at 65,535 characters. */
export const maxTableRows = 100;

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  limit = maxTableRows,
): string {
  const lines = [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.slice(0, limit).map((row) => `| ${row.join(" | ")} |`),
  ];
  if (rows.length > limit) lines.push("", `…and ${rows.length - limit} more.`);
  return lines.join("\n");
}

/** Plain text for a table cell: one line, no HTML, no column breaks, no mentions. */
export function cellText(text: string, maxLength = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const short = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  return (
    short
      .replace(/\\/g, "\\\\")
      .replace(/\|/g, "\\|")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/([*_`[\]])/g, "\\$1")
      // a commit subject may name `@someone`: shown, not a mention
      .replace(/(^|[^A-Za-z0-9])@(?=[A-Za-z0-9])/g, "$1`@`")
  );
}

/** A code span for a path or id, usable inside a table cell. */
export function codeCell(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = oneLine.startsWith("`") || oneLine.endsWith("`") ? ` ${oneLine} ` : oneLine;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

export function codeList(items: string[]): string {
  return items.length ? items.map(codeCell).join(", ") : "—";
}
