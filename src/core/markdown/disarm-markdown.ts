import { redactSecrets } from "../secrets/index.js";
import { stripHiddenContent, stripInvisible } from "../task/strip-hidden-content.js";

/**
 * Untrusted text (issues, pull requests, commits, file names, model answers) made safe to write
 * to GitHub: credentials redacted, and nothing in it renders live. What stays live would act on
 * its own: an `@team` mention notifies people, an image is fetched by GitHub's camo proxy the
 * moment anyone opens the page (its URL can carry data out), a link or autolink invites a click,
 * raw HTML can hide text or forge the app's own hidden markers, and an HTML entity can spell any
 * of these. Code spans and fenced blocks stay (their content is literal on GitHub); emphasis,
 * lists and headings stay; `#123` references stay; an `@` inside a word (an email) stays.
 */

export interface DisarmOptions {
  /** longer text is cut (with `…`) before it is disarmed */
  maxLength?: number;
  /** newlines become spaces and fences are not recognised: for a list item or a sentence */
  oneLine?: boolean;
}

/** `@name`, `@org/team` where GitHub would see a mention: not right after a letter or digit (emails stay). */
const mention = /(^|[^A-Za-z0-9])@(?=[A-Za-z0-9])/g;

/**
 * What GitHub autolinks without brackets (GFM "extended autolinks"), up to the next space. A `|`
 * ends it: inside a table a pipe splits cells even within a code span, which would free the rest.
 */
const bareUrl = /(?:https?:\/\/|www\.)[^\s<>|]*/gi;

/** Characters escaped outside code in markdown that keeps its formatting. */
const blockSpecials = /[\\[\]|]/g;
/** Characters escaped in flat text (table cells, one-line values): every inline construct. */
const flatSpecials = /[\\`*_[\]|~#!]/g;

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const longestBacktickRun = (text: string): number => Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));

/**
 * A code span the text cannot leave (CommonMark: the span ends at the first backtick run as long
 * as its fence, so the fence is longer than any run inside, padded when the text starts or ends
 * with a backtick). Newlines and control characters are shown as escapes, not taken as markup.
 * Not for a table cell (a `|` would split it there): `codeCell` escapes pipes for tables.
 */
export function safeCodeSpan(text: string): string {
  const visible = text.replace(
    /[\u0000-\u001f\u007f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  if (visible === "") return "` `";
  const fence = "`".repeat(longestBacktickRun(visible) + 1);
  const pad = visible.startsWith("`") || visible.endsWith("`") || /^ .* $/.test(visible) ? " " : "";
  return `${fence}${pad}${visible}${pad}${fence}`;
}

/**
 * Joins pieces of output so that a code span the disarming made never touches a backtick of the
 * next piece: two runs side by side would read as one longer run and pair differently.
 */
function joinPieces(pieces: readonly string[]): string {
  let out = "";
  for (const piece of pieces) {
    if (piece === "") continue;
    out += out.endsWith("`") && piece.startsWith("`") ? ` ${piece}` : piece;
  }
  return out;
}

/**
 * Text outside code: bare URLs become code spans (shown, not linked), HTML and entities are
 * escaped, the given markdown specials are backslash-escaped, mentions are split by a code span.
 */
function disarmPlain(text: string, specials: RegExp): string {
  const pieces: string[] = [];
  let cursor = 0;
  const escapePart = (part: string): string =>
    escapeHtml(part)
      .replace(specials, "\\$&")
      // at the start of a piece (`^`) the character before is a code span's backtick: disarmed too
      .replace(mention, "$1`@`");
  for (const url of text.matchAll(bareUrl)) {
    const start = url.index;
    pieces.push(escapePart(text.slice(cursor, start)), safeCodeSpan(url[0]));
    cursor = start + url[0].length;
  }
  pieces.push(escapePart(text.slice(cursor)));
  return joinPieces(pieces);
}

interface BacktickRun {
  start: number;
  length: number;
}

/**
 * One line of markdown: backtick runs that pair up (on GitHub's rule: the next run of the same
 * length) keep their code spans verbatim; a run that pairs with nothing is escaped, so GitHub
 * sees exactly the spans seen here. A span holding `|` is escaped too (inside a table a pipe
 * would split the span and expose its content).
 */
function disarmLine(line: string, specials: RegExp): string {
  const runs: BacktickRun[] = [...line.matchAll(/`+/g)].map((match) => ({
    start: match.index,
    length: match[0].length,
  }));
  // for each run, the index of the next run of the same length: one pass from the right
  const nextSame: number[] = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index -= 1) {
    const run = runs[index] as BacktickRun;
    nextSame[index] = seen.get(run.length) ?? -1;
    seen.set(run.length, index);
  }
  const pieces: string[] = [];
  let cursor = 0;
  let index = 0;
  while (index < runs.length) {
    const open = runs[index] as BacktickRun;
    pieces.push(disarmPlain(line.slice(cursor, open.start), specials));
    const closeIndex = nextSame[index] ?? -1;
    const close = closeIndex === -1 ? undefined : runs[closeIndex];
    const content = close === undefined ? "" : line.slice(open.start + open.length, close.start);
    if (close !== undefined && !content.includes("|")) {
      pieces.push(line.slice(open.start, close.start + close.length));
      cursor = close.start + close.length;
      index = closeIndex + 1;
    } else {
      pieces.push("\\`".repeat(open.length));
      cursor = open.start + open.length;
      index += 1;
    }
  }
  pieces.push(disarmPlain(line.slice(cursor), specials));
  return joinPieces(pieces);
}

interface Fence {
  char: string;
  length: number;
}

/**
 * A fence that opens a code block at the start of a line. Only at column 0: an indented fence
 * may belong to a list item, whose end would close the block where this reading would not.
 * A backtick fence whose info string holds a backtick is no fence (CommonMark).
 */
function openingFence(line: string): Fence | undefined {
  const match = /^(`{3,}|~{3,})(.*)$/.exec(line);
  if (!match) return undefined;
  const marks = match[1] as string;
  if (marks.startsWith("`") && (match[2] ?? "").includes("`")) return undefined;
  return { char: marks.charAt(0), length: marks.length };
}

const closesFence = (line: string, fence: Fence): boolean => {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return match !== null && (match[1] as string).charAt(0) === fence.char && (match[1] as string).length >= fence.length;
};

/**
 * Untrusted text with its credentials redacted. Invisible characters go first: one inside a
 * token hides it from the redactor, and a later stripping would join the token again.
 */
export const redactUntrusted = (text: string): { text: string; redactions: number } =>
  redactSecrets(stripInvisible(text));

/** Text to render: hidden content (HTML comments, invisible characters) removed, then redacted. */
const safeSource = (text: string): string => redactSecrets(stripHiddenContent(text)).text;

function cut(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined || text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

/**
 * Markdown from an untrusted source, safe to post: secrets redacted, hidden content removed,
 * and nothing live (see the module comment). Fenced code blocks are kept, their info string
 * replaced by `text` (GitHub renders `mermaid`, `geojson` and friends, which can load things);
 * an unclosed block is closed.
 */
export function disarmMarkdown(text: string, options: DisarmOptions = {}): string {
  const clean = safeSource(text);
  if (options.oneLine === true) {
    return disarmLine(cut(clean.replace(/\s+/g, " ").trim(), options.maxLength), blockSpecials);
  }
  const out: string[] = [];
  let fence: Fence | undefined;
  for (const line of cut(clean, options.maxLength).split("\n")) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) {
        out.push(fence.char.repeat(fence.length));
        fence = undefined;
      } else {
        out.push(line);
      }
      continue;
    }
    fence = openingFence(line);
    out.push(fence !== undefined ? `${fence.char.repeat(fence.length)}text` : disarmLine(line, blockSpecials));
  }
  if (fence !== undefined) out.push(fence.char.repeat(fence.length));
  return out.join("\n").trim();
}

/**
 * Untrusted text as flat, inert text for a table cell, a list item or a sentence: one line,
 * secrets redacted, every markdown construct escaped (code spans included), no HTML, no links,
 * no mentions. Empty text reads `—`.
 */
export function disarmInline(text: string, maxLength = 300): string {
  const oneLine = safeSource(text).replace(/\s+/g, " ").trim();
  if (oneLine === "") return "—";
  return disarmPlain(cut(oneLine, maxLength), flatSpecials);
}

/** Untrusted text (a file name, a pattern, a value) as one code span: redacted, shortened, unable to leave the span. */
export function disarmCode(text: string, maxLength = 200): string {
  return safeCodeSpan(cut(redactSecrets(text).text, maxLength));
}
