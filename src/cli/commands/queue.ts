import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { getEntry, listEntries, parseQueue } from "../../core/queue/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { gitShow } from "../git.js";
import { UsageError } from "../usage-error.js";
import { queueUsage } from "../command-usages.js";

export { queueUsage };

export async function queueCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      file: { type: "string", default: "ops/queue.jsonl" },
      ref: { type: "string" },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${queueUsage}\n`);
    return 0;
  }
  const format = parseFormat(values.format);
  const [sub = "list", id, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (sub !== "list" && sub !== "show") throw new UsageError(`unknown queue command "${sub}": use list or show T-<n>`);
  if (sub === "show" && !id) throw new UsageError("queue show needs a task id, e.g. autopilot queue show T-12");
  if (sub === "list" && id) throw new UsageError(`queue list takes no argument (got "${id}")`);

  const text =
    values.ref === undefined ? readWorkTreeFile(io.cwd, values.file) : readAtRevision(io.cwd, values.ref, values.file);
  const { doc, errors } = parseQueue(text);
  for (const e of errors) io.stderr(`${values.file}:${e.line}: ${e.message} (line kept as is)\n`);

  if (sub === "show") {
    const entry = getEntry(doc, id as string);
    if (!entry) {
      io.stderr(`no task ${id} in ${values.file}\n`);
      return 1;
    }
    io.stdout(format === "json" ? `${JSON.stringify(entry, null, 2)}\n` : renderEntry(entry));
    return errors.length ? 1 : 0;
  }

  const entries = listEntries(doc);
  if (format === "json") {
    io.stdout(`${JSON.stringify({ tasks: entries, errors }, null, 2)}\n`);
  } else {
    io.stdout(renderTable(entries));
  }
  return errors.length ? 1 : 0;
}

function readWorkTreeFile(cwd: string, file: string): string {
  try {
    return readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readAtRevision(cwd: string, ref: string, file: string): string {
  if (ref.startsWith("-")) throw new UsageError(`--ref must name a revision, not an option ("${ref}")`);
  let text: string | undefined;
  try {
    text = gitShow(ref, file, cwd);
  } catch (error) {
    throw new UsageError(`cannot read ${file} at ${ref}: ${(error as Error).message}`);
  }
  if (text === undefined) {
    throw new UsageError(
      `${ref} has no ${file} (is it fetched? git fetch origin autopilot/state, then --ref origin/autopilot/state)`,
    );
  }
  return text;
}

function renderTable(entries: QueueEntry[]): string {
  if (!entries.length) return "no tasks\n";
  const rows = entries.map((e) => [e.id, e.status, e.risk, e.pr ? `#${e.pr}` : "-", `#${e.issue}`, e.title]);
  const header = ["TASK", "STATUS", "RISK", "PR", "ISSUE", "TITLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? String(c) : String(c).padEnd(widths[i] ?? 0))).join("  ");
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

function renderEntry(e: QueueEntry): string {
  const lines = [
    `${e.id}  ${e.title}`,
    `  status   ${e.status}`,
    `  issue    #${e.issue}`,
    `  pr       ${e.pr ? `#${e.pr}` : "-"}`,
    `  branch   ${e.branch ?? "-"}`,
    `  risk     ${e.risk}   mode ${e.mode}`,
    `  scope    ${e.scope.join(", ")}`,
    `  refs     ${e.refs.length ? e.refs.join(", ") : "-"}`,
    "  history",
    ...e.history.map(
      (h) => `    ${h.at}  ${h.from ?? "(new)"} → ${h.to}  by ${h.actor}${h.reason ? `: ${h.reason}` : ""}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
