import { formHeadings, taskSpecFields } from "./task-spec-fields.js";
import type { TaskSpecField } from "./task-spec-fields.js";

/** A fenced ```autopilot (or ~~~autopilot, ```yaml autopilot) block found in the issue body. */
export interface SpecBlock {
  /** 1-based line of the opening fence in the (normalized) issue body */
  line: number;
  /** the text between the fences, with the fence's own indentation removed */
  yaml: string;
  /** false when the block runs to the end of the body without a closing fence */
  closed: boolean;
}

/** A `### <Field>` section, as a GitHub issue form renders one field. */
export interface SpecSection {
  field: TaskSpecField;
  /** the heading text as written */
  heading: string;
  /** 1-based line of the heading */
  line: number;
  /** the lines up to the next heading of level 1–3, without blank edges */
  content: string;
}

export interface IssueBodyParts {
  blocks: SpecBlock[];
  sections: SpecSection[];
  /** everything else, with blank lines where parts were cut collapsed */
  brief: string;
}

/** GitHub's placeholder for an issue-form field left empty. */
export const noResponse = "_No response_";

const fenceOpen = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const fenceClose = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;

interface Heading {
  index: number;
  level: number;
  text: string;
}

interface BlockRange {
  /** index of the opening fence line */
  start: number;
  /** index of the closing fence line, or lines.length when unclosed */
  end: number;
  indent: number;
}

/** `autopilot`, `yaml autopilot`, `yml autopilot` (any case); other words after those are ignored. */
function isSpecInfo(info: string): boolean {
  const words = info
    .trim()
    .toLowerCase()
    .split(/[\s,{}]+/)
    .filter(Boolean);
  const first = words[0];
  return first === "autopilot" || ((first === "yaml" || first === "yml") && words.includes("autopilot"));
}

/** Heading text → field, ignoring case, emphasis, a trailing colon and a trailing parenthetical. */
export function fieldForHeading(text: string): TaskSpecField | undefined {
  // No field label is this long; the cut also keeps the regexes below linear on hostile input.
  if (text.length > 100) return undefined;
  const normalized = text
    .replace(/[*`]/g, "")
    .replace(/\s*\([^)]*\)\s*$/, "")
    .replace(/[\s:]+$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return taskSpecFields.find((field) => formHeadings[field].includes(normalized));
}

function dropIndent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && line[cut] === " ") cut += 1;
  return line.slice(cut);
}

/** Removes blank lines at both ends, keeping the indentation of the first kept line. */
export function trimBlankLines(lines: readonly string[]): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to && (lines[from] ?? "").trim() === "") from += 1;
  while (to > from && (lines[to - 1] ?? "").trim() === "") to -= 1;
  return lines.slice(from, to);
}

/**
 * Scans the body as CommonMark does for the parts that matter here: fenced code blocks (so a
 * heading or an example block inside another fence is left alone) and ATX headings. Expects
 * LF line endings and hidden content already stripped.
 */
function scan(lines: readonly string[]): { blocks: BlockRange[]; headings: Heading[] } {
  const blocks: BlockRange[] = [];
  const headings: Heading[] = [];
  let open: { char: string; length: number; indent: number; start: number; spec: boolean } | undefined;
  lines.forEach((line, index) => {
    if (open) {
      const close = fenceClose.exec(line);
      const marker = close?.[1];
      if (marker && marker[0] === open.char && marker.length >= open.length) {
        if (open.spec) blocks.push({ start: open.start, end: index, indent: open.indent });
        open = undefined;
      }
      return;
    }
    const fence = fenceOpen.exec(line);
    const marker = fence?.[2];
    const info = fence?.[3] ?? "";
    // A backtick "fence" whose info string holds a backtick is inline code, not a fence.
    if (fence && marker && !(marker[0] === "`" && info.includes("`"))) {
      open = {
        char: marker[0] ?? "`",
        length: marker.length,
        indent: fence[1]?.length ?? 0,
        start: index,
        spec: isSpecInfo(info),
      };
      return;
    }
    const heading = atxHeading.exec(line);
    if (heading) headings.push({ index, level: heading[1]?.length ?? 1, text: headingText(heading[2] ?? "") });
  });
  // An unclosed fence runs to the end of the document, as GitHub renders it.
  if (open?.spec) blocks.push({ start: open.start, end: lines.length, indent: open.indent });
  return { blocks, headings };
}

/** Heading content without the optional closing `#` sequence (`### Scope ###` → `Scope`). */
function headingText(raw: string): string {
  const text = raw.trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  const closing = end === 0 || text[end - 1] === " " || text[end - 1] === "\t";
  return closing ? text.slice(0, end).trim() : text;
}

/** Splits an issue body into spec blocks, spec sections and the remaining brief. */
export function splitIssueBody(body: string): IssueBodyParts {
  const lines = body.split("\n");
  const { blocks: ranges, headings } = scan(lines);
  const keep = lines.map(() => true);
  const inBlock = lines.map(() => false);

  const blocks = ranges.map((range): SpecBlock => {
    for (let i = range.start; i <= Math.min(range.end, lines.length - 1); i += 1) {
      keep[i] = false;
      inBlock[i] = true;
    }
    const inner = lines.slice(range.start + 1, range.end).map((line) => dropIndent(line, range.indent));
    return { line: range.start + 1, yaml: inner.join("\n"), closed: range.end < lines.length };
  });

  // Where each heading's section ends: at the next heading of level 1–3, or at the end.
  const sectionEnds: number[] = [];
  let boundary = lines.length;
  for (let position = headings.length - 1; position >= 0; position -= 1) {
    sectionEnds[position] = boundary;
    const heading = headings[position];
    if (heading && heading.level <= 3) boundary = heading.index;
  }

  const sections: SpecSection[] = [];
  headings.forEach((heading, position) => {
    const end = sectionEnds[position] ?? lines.length;
    if (heading.level !== 3) return;
    const contentIndexes: number[] = [];
    for (let i = heading.index + 1; i < end; i += 1) if (!inBlock[i]) contentIndexes.push(i);
    const content = trimBlankLines(contentIndexes.map((i) => lines[i] ?? "")).join("\n");
    const field = fieldForHeading(heading.text);
    // Issue forms render every optional field, answered or not; an unanswered one that is not
    // part of the spec is noise in the brief.
    if (field === undefined && content.trim() !== noResponse) return;
    keep[heading.index] = false;
    for (const i of contentIndexes) keep[i] = false;
    if (field) sections.push({ field, heading: heading.text, line: heading.index + 1, content });
  });

  return { blocks, sections, brief: joinKeptLines(lines, keep) };
}

/** Joins the kept runs of lines, one blank line between runs, without blank edges. */
function joinKeptLines(lines: readonly string[], keep: readonly boolean[]): string {
  const runs: string[][] = [];
  let current: string[] | undefined;
  lines.forEach((line, index) => {
    if (!keep[index]) {
      current = undefined;
      return;
    }
    if (!current) {
      current = [];
      runs.push(current);
    }
    current.push(line);
  });
  return runs
    .map((run) => trimBlankLines(run).join("\n"))
    .filter((text) => text !== "")
    .join("\n\n")
    .trimEnd();
}
