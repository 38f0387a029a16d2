import { redactUntrusted } from "../markdown/index.js";

export interface LogTailLimits {
  lines: number;
  chars: number;
}

export const defaultLogTail: LogTailLimits = { lines: 40, chars: 4000 };

// ANSI colour and cursor sequences, as runners write them
const ansi = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// GitHub's per-line timestamp: `2026-12-05T11:52:03.1234567Z `
const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z /;

/**
 * The last lines of a job's log, fit to post: runner colours and timestamps removed, control
 * characters dropped, every secret the scanner knows redacted (a log is where a leaked token
 * shows up), cut to `limits`. Resolves with the text and how many secrets were redacted.
 */
export function logTail(log: string, limits: LogTailLimits = defaultLogTail): { text: string; redactions: number } {
  const lines = log
    .replace(ansi, "")
    .split(/\r?\n/)
    .map((line) => line.replace(stamp, "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""));
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  let tail = lines.slice(-limits.lines).join("\n");
  if (tail.length > limits.chars) tail = `…${tail.slice(tail.length - limits.chars + 1)}`;
  return redactUntrusted(tail);
}

/**
 * Untrusted text as a fenced block nothing inside can close: the fence is longer than any run
 * of backticks in the text, so the log stays literal (no mention, link or heading of its own).
 */
export function fenceUntrusted(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}
