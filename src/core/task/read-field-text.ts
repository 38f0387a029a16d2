import { parseDocument } from "yaml";
import { inlineCode } from "./markdown-code.js";

/**
 * Readers for a field written as free text, the way an issue form or a hurried owner writes it:
 * bullet lists, task lists, comma-separated lines, `files: 20, lines: 600`, a value in backticks
 * or wrapped in a code fence (issue-form fields with `render:` arrive fenced).
 */

const bullet = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const checkbox = /^\[([ xX])\](?:[ \t]+|$)/;

/** The inside of the text when it is one fenced code block and nothing else. */
export function unwrapCodeFence(text: string): string {
  const lines = text.trim().split("\n");
  const open = /^ {0,3}(`{3,}|~{3,})[^`]*$/.exec(lines[0] ?? "");
  const marker = open?.[1];
  if (!marker || lines.length < 2) return text.trim();
  const last = (lines[lines.length - 1] ?? "").trim();
  const closes = last.length >= marker.length && [...last].every((char) => char === marker[0]);
  return closes ? lines.slice(1, -1).join("\n") : text.trim();
}

/**
 * Strips one pair of wrapping backticks or quotes (owners quote globs so `**` is not bold), but
 * only when the pair wraps the whole value: `"a" or "b"` keeps its quotes.
 */
export function unquote(value: string): string {
  const text = value.trim();
  const wrapped = /^(`{1,2})([^`]*)\1$/.exec(text) ?? /^"([^"]*)"$/.exec(text) ?? /^'([^']*)'$/.exec(text);
  if (!wrapped) return text;
  return (wrapped.length === 3 ? wrapped[2] : wrapped[1])?.trim() ?? "";
}

/** Splits on commas that are not inside `{…}` or `[…]`, so `src/{a,b}/**` stays one glob. */
export function splitGlobList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "{" || char === "[") depth += 1;
    if ((char === "}" || char === "]") && depth > 0) depth -= 1;
    if ((char === "," || char === "\n") && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(unquote).filter((part) => part !== "");
}

/** Ids never hold spaces or commas, so any run of them separates two. */
export const splitIdList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map(unquote)
    .filter((part) => part !== "");

export type ListSplit = "globs" | "ids" | "lines";

export interface ListOptions {
  split: ListSplit;
  /** keep `- [ ] item`: true for acceptance criteria (unticked is still a criterion) */
  keepUnchecked: boolean;
}

/** A YAML flow list pasted into a form field: `["src/**", "test/**"]`. */
function readFlowList(text: string): string[] | undefined {
  if (!/^\[[\s\S]*\]$/.test(text)) return undefined;
  const doc = parseDocument(text);
  // Not YAML after all (a glob like `[ab]*.ts`): the caller reads the text line by line instead.
  if (doc.errors.length > 0) return undefined;
  const value: unknown = doc.toJS();
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" || typeof item === "number")) {
    return undefined;
  }
  return value.map((item) => String(item).trim()).filter((item) => item !== "");
}

/** One item per line or bullet; globs and ids may also be comma-separated. */
export function readListText(text: string, options: ListOptions): string[] {
  const body = unwrapCodeFence(text);
  const flow = options.split === "lines" ? undefined : readFlowList(body.trim());
  if (flow) return flow;
  const items: string[] = [];
  for (const raw of body.split("\n")) {
    let line = raw.trim().replace(bullet, "");
    const box = checkbox.exec(line);
    if (box) {
      if (box[1] === " " && !options.keepUnchecked) continue;
      line = line.slice(box[0].length);
    }
    if (options.split === "globs") items.push(...splitGlobList(line));
    else if (options.split === "ids") items.push(...splitIdList(line));
    else if (unquote(line) !== "") items.push(unquote(line));
  }
  return items;
}

export type ScalarRead = { ok: true; value: string | undefined } | { ok: false; problem: string };

/** A single value, possibly as the one ticked box of a task list or a single bullet. */
export function readScalarText(text: string): ScalarRead {
  const lines = unwrapCodeFence(text)
    .split("\n")
    .map((line) => line.trim().replace(bullet, ""))
    .filter((line) => line !== "");
  const boxed = lines.some((line) => checkbox.test(line));
  const values = (boxed ? lines.filter((line) => /^\[[xX]\]/.test(line)) : lines)
    .map((line) => unquote(line.replace(checkbox, "")))
    .filter((value) => value !== "");
  if (values.length <= 1) return { ok: true, value: values[0] };
  return {
    ok: false,
    problem: `${values.length} values given (${values.map((value) => inlineCode(value)).join(", ")}); give exactly one`,
  };
}

export interface BudgetRead {
  value: Record<string, unknown>;
  problems: string[];
}

/** `files: 20, lines: 600`, one pair per line, `{ files: 20 }`, `files = 20` or `20 files`. */
export function readBudgetText(text: string): BudgetRead {
  const value: Record<string, unknown> = {};
  const problems: string[] = [];
  const body = unwrapCodeFence(text)
    .trim()
    .replace(/^\{([\s\S]*)\}$/, "$1");
  for (const raw of body.split(/[\n,;]+/)) {
    const part = raw.trim().replace(bullet, "").trim();
    if (part === "") continue;
    // A real pair is short; the cut keeps the pattern below linear on hostile input.
    const pair = part.length > 200 ? null : /^([A-Za-z][\w -]*?)\s*[:=]\s*(.*)$/.exec(part);
    const counted = part.length > 200 ? null : /^(\d+)\s+([A-Za-z]\w*)$/.exec(part);
    const key = pair?.[1] ?? counted?.[2];
    const amount = pair?.[2] ?? counted?.[1];
    if (key === undefined || amount === undefined) {
      problems.push(`cannot read ${inlineCode(part)}; write \`name: number\` pairs`);
      continue;
    }
    const number = unquote(amount);
    // A number stays a number; anything else is kept as text so validation names it.
    value[key.trim().toLowerCase()] = /^\d+$/.test(number) ? Number(number) : number;
  }
  return { value, problems };
}
