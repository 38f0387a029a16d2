import type { ConcordanceAnalysis, ConcordanceGateInput, Problem } from "./analyze-concordance.js";
import { cellText, codeCell, codeList, markdownTable, maxTableRows } from "./markdown-table.js";

const shortSha = (sha: string): string => codeCell(sha.slice(0, 7));
const levelMark = { failure: "❌", warning: "⚠️" } as const;

/** The check-run summary: what was found first, then the tables a reviewer checks it against. */
export function renderConcordanceSummary(
  input: ConcordanceGateInput,
  a: ConcordanceAnalysis,
  problems: Problem[],
): string {
  const sections: string[] = [];
  if (problems.length > 0) {
    sections.push(problems.map((p) => `- ${levelMark[p.level]} ${cellText(p.text, 300)}`).join("\n"));
  } else if (a.tracedIds.length > 0) {
    sections.push("The commits trace to blueprint ids that exist, and every ref the task declares is covered.");
  } else if (a.untraced.length > 0) {
    sections.push("No commit names a blueprint id; tracing is not required for this pull request.");
  } else {
    sections.push("Nothing to trace: no changed path needs tracing.");
  }
  sections.push(contextLine(input, a));

  sections.push(`### Commits\n\n${commitsTable(a)}`);

  if (a.unknownIds.length > 0) {
    const rows = a.unknownIds.map((u) => [
      shortSha(u.sha),
      codeCell(u.id),
      u.unverified
        ? "not found, and the blueprint index could not be read entirely"
        : `not in the blueprint indices${u.didYouMean ? ` (did you mean ${codeCell(u.didYouMean)}?)` : ""}`,
    ]);
    sections.push(`### Unknown ids\n\n${markdownTable(["Commit", "Id", "Why"], rows)}`);
  }

  if (a.taskMismatches.length > 0) {
    const rows = a.taskMismatches.map((m) => [shortSha(m.sha), codeCell(m.task)]);
    sections.push(
      `### Commits naming another task\n\nThis pull request is ${codeCell(input.taskId ?? "")}.\n\n` +
        markdownTable(["Commit", "Task trailer"], rows),
    );
  }

  if (a.untraced.length > 0) {
    const rows = a.untraced.map((file) => [codeCell(file.filename), file.status]);
    const note =
      a.untracedLevel === "info"
        ? "Tracing is not required (`concordance.require_trailers: false`) and the task declares no refs, so this is for information only."
        : "No commit names a known id, so no changed path is traced. Tracing is judged on the whole pull request: one commit with a valid `Refs:` or `WBS:` trailer traces every changed path.";
    sections.push(`### Untraced paths\n\n${note}\n\n${markdownTable(["Path", "Change"], rows)}`);
  }

  if (a.uncovered.length > 0) {
    const rows = a.uncovered.map((id) => {
      const entry = input.index.ids.get(id);
      return [codeCell(id), entry ? cellText(entry.title ?? "") : "not in the blueprint indices"];
    });
    sections.push(
      `### Declared refs not covered\n\nThe task spec lists these ids but no commit names them.\n\n` +
        markdownTable(["Id", "Title"], rows),
    );
  }

  if (a.malformed.length > 0) {
    const rows = a.malformed.map((m) => [shortSha(m.sha), codeCell(m.token)]);
    sections.push(
      `### Malformed refs\n\n\`Refs:\` and \`WBS:\` take ids like \`NT-0012\`, \`TD-0103\`, \`WBS-003\`; these tokens are not ids.\n\n` +
        markdownTable(["Commit", "Token"], rows),
    );
  }

  sections.push(`### Blueprint index\n\n${indexSection(input, a)}`);
  return `${sections.join("\n\n")}\n`;
}

function contextLine(input: ConcordanceGateInput, a: ConcordanceAnalysis): string {
  const parts = [
    input.taskId === undefined
      ? "Not a task pull request: `Task:` trailers are not checked."
      : `Task ${codeCell(input.taskId)}.`,
    `Trailers ${input.requireTrailers ? "required" : "optional"} (\`concordance.require_trailers\`).`,
  ];
  if (a.exemptCount > 0) {
    parts.push(
      `${a.exemptCount} changed path${a.exemptCount === 1 ? " is" : "s are"} exempt (\`concordance.exempt_paths\`).`,
    );
  }
  if (input.incomplete !== undefined) {
    parts.push(
      `**The change could not be read entirely** (${cellText(input.incomplete, 300)}); the findings below may be incomplete.`,
    );
  }
  return parts.join(" ");
}

function commitsTable(a: ConcordanceAnalysis): string {
  if (a.commits.length === 0) return "No commits.";
  const rows = a.commits.map((c) => [
    shortSha(c.sha),
    cellText(c.subject, 72),
    c.refs.tasks.length ? codeList(c.refs.tasks) : "—",
    codeList(c.refs.refs),
    codeList(c.refs.wbs),
    c.merge ? "merge commit, exempt" : c.missing.length ? `missing ${c.missing.join(", ")}` : "ok",
  ]);
  return markdownTable(["Commit", "Subject", "Task", "Refs", "WBS", "Trailers"], rows);
}

function indexSection(input: ConcordanceGateInput, a: ConcordanceAnalysis): string {
  const perSource = new Map<string, number>();
  for (const entry of input.index.ids.values()) {
    perSource.set(entry.source, (perSource.get(entry.source) ?? 0) + 1);
  }
  const sources = [...perSource].map(([source, count]) => `${codeCell(source)}: ${count}`);
  const lines = [`${input.index.ids.size} ids${sources.length ? ` (${sources.join(", ")})` : ""}.`];
  if (a.indexErrors.length > 0) {
    lines.push(
      "",
      a.indexErrorLevel === "failure"
        ? "The index could not be read entirely, so the ids above cannot be verified. Fix these problems:"
        : "The index could not be read entirely (no id needed verifying in this pull request):",
      "",
      ...a.indexErrors.slice(0, maxTableRows).map((error) => `- ${cellText(error, 300)}`),
    );
    if (a.indexErrors.length > maxTableRows) lines.push(`- …and ${a.indexErrors.length - maxTableRows} more.`);
  }
  return lines.join("\n");
}
