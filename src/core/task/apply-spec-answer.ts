import { Document, isMap, isScalar, parseDocument } from "yaml";
import { inlineCode } from "./markdown-code.js";
import { blockField } from "./read-fenced-spec.js";
import { splitIssueBody } from "./split-issue-body.js";
import { normalizeNewlines, stripHiddenContent } from "./strip-hidden-content.js";
import { isTaskSpecField } from "./task-spec-fields.js";
import { yamlErrorSummary } from "./yaml-value.js";

export type ApplySpecAnswerResult = { ok: true; body: string; changed: boolean } | { ok: false; reason: string };

const specFence = /^( {0,3})(`{3,}|~{3,})[ \t]*(?:autopilot|ya?ml[ \t]+autopilot)\b.*$/i;

interface LocatedBlock {
  /** index of the opening fence line */
  open: number;
  /** index of the closing fence line; lines.length when the block is not closed */
  close: number;
  indent: string;
}

/** The ```autopilot blocks of the body, by line index. */
function locateBlocks(lines: readonly string[]): LocatedBlock[] {
  const blocks: LocatedBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const match = specFence.exec(lines[index] ?? "");
    if (!match) continue;
    const fence = match[2] ?? "```";
    const closing = new RegExp(`^ {0,3}${fence[0] === "~" ? "~" : "`"}{${fence.length},}[ \\t]*$`);
    let close = index + 1;
    while (close < lines.length && !closing.test(lines[close] ?? "")) close += 1;
    blocks.push({ open: index, close, indent: match[1] ?? "" });
    index = close;
  }
  return blocks;
}

/** An answer given as a code block (```yaml … ```) is its content. */
function unwrapFence(text: string): string {
  const lines = text.trim().split("\n");
  const first = lines[0] ?? "";
  const last = lines[lines.length - 1] ?? "";
  if (lines.length >= 2 && /^(`{3,}|~{3,})/.test(first) && /^(`{3,}|~{3,})\s*$/.test(last))
    return lines.slice(1, -1).join("\n");
  return text.trim();
}

function parseYaml(text: string, what: string): { ok: true; doc: Document } | { ok: false; reason: string } {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) return { ok: false, reason: `${what} is not valid YAML: ${yamlErrorSummary(error.message)}` };
  return { ok: true, doc };
}

/** The block's new YAML for an answer to `field`, or why it cannot be written. */
function answeredYaml(
  current: string | undefined,
  field: string,
  rawAnswer: string,
): { ok: true; yaml: string } | { ok: false; reason: string } {
  let answer = unwrapFence(normalizeNewlines(rawAnswer));
  if (answer === "") return { ok: false, reason: "the answer is empty" };
  if (field === blockField) {
    const parsed = parseYaml(answer, "the answer");
    return parsed.ok ? { ok: true, yaml: answer } : parsed;
  }
  const block = parseYaml(current ?? "", "the issue's autopilot block");
  if (!block.ok)
    return { ok: false, reason: `${block.reason}; answer the question about the block first, or edit the issue` };
  const doc = block.doc.contents === null ? new Document({}) : block.doc;
  if (!isMap(doc.contents))
    return {
      ok: false,
      reason: "the issue's autopilot block does not hold `key: value` lines; answer the question about the block first",
    };
  if (isTaskSpecField(field)) {
    // an owner who pasted the whole line (`risk: low`) means its value
    if (answer.startsWith(`${field}:`)) answer = answer.slice(field.length + 1).replace(/^[ \t]*\n?/, "");
    const value = parseYaml(answer, "the answer");
    if (!value.ok) return value;
    if (value.doc.contents === null) return { ok: false, reason: `the answer gives ${inlineCode(field)} no value` };
    doc.set(field, value.doc.contents);
    return { ok: true, yaml: doc.toString({ flowCollectionPadding: false, lineWidth: 0 }) };
  }
  // a key that is not a spec field (a misspelling): the answer's `key: value` lines replace it
  const value = parseYaml(answer, "the answer");
  if (!value.ok) return value;
  if (!isMap(value.doc.contents))
    return { ok: false, reason: `write the ${inlineCode(field)} line as it should be, e.g. \`scope: ["src/**"]\`` };
  doc.delete(field);
  for (const pair of value.doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    doc.set(key, pair.value);
  }
  return { ok: true, yaml: doc.toString({ flowCollectionPadding: false, lineWidth: 0 }) };
}

/**
 * Writes an owner's answer into the issue body's ```autopilot block: the field's value replaced
 * (or added), everything else in the body and in the block (comments included) kept as it was.
 * An issue without a block (a bare issue, or one written with the issue form) gets one at the end;
 * the block wins over form sections field by field, so the answer takes effect either way.
 * Refuses, with a reason to show the owner, an answer that is not valid YAML, a body whose block
 * is hidden or repeated, and a block that is itself broken.
 */
export function applySpecAnswer(body: string | null, field: string, answer: string): ApplySpecAnswerResult {
  const text = normalizeNewlines(body ?? "");
  const lines = text.split("\n");
  const blocks = locateBlocks(lines);
  const visible = splitIssueBody(stripHiddenContent(text)).blocks.length;
  if (blocks.length !== visible) {
    return {
      ok: false,
      reason: "the issue holds an autopilot block inside an HTML comment; edit the issue description instead",
    };
  }
  if (blocks.length > 1)
    return {
      ok: false,
      reason: `the issue has ${blocks.length} autopilot blocks; merge them into one by editing the issue first`,
    };
  const block = blocks[0];
  const indent = block?.indent ?? "";
  const current = block
    ? lines
        .slice(block.open + 1, block.close)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join("\n")
    : undefined;
  const next = answeredYaml(current, field, answer);
  if (!next.ok) return next;
  const yamlLines = next.yaml
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => (line === "" ? line : `${indent}${line}`));
  if (!block) {
    const kept = text.replace(/\s+$/, "");
    const added = ["```autopilot", ...yamlLines, "```"].join("\n");
    const result = kept === "" ? `${added}\n` : `${kept}\n\n${added}\n`;
    return { ok: true, body: result, changed: true };
  }
  const closing = block.close < lines.length ? [] : [`${indent}\`\`\``];
  const result = [...lines.slice(0, block.open + 1), ...yamlLines, ...closing, ...lines.slice(block.close)].join("\n");
  return { ok: true, body: result, changed: result !== text };
}
