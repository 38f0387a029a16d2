import { normalizeNewlines } from "../task/strip-hidden-content.js";

/** One line of a comment as a reader of the rendered comment sees it. */
export interface CommentLine {
  /** 1-based line number in the comment */
  line: number;
  /** the line with HTML comments removed; fenced lines are kept exactly as written */
  text: string;
  /** a command may start here: not in a code block, a quote or an HTML comment */
  commandable: boolean;
}

interface Fence {
  char: "`" | "~";
  length: number;
}

/** GitHub's and Outlook's e-mail reply headers: everything from here on is the quoted mail. */
const mailHeader = /^\s*On\s.*\bwrote:\s*$/;
const wrappedMailHeaderEnd = /\bwrote:\s*$/;
const mailSeparator = /^\s*(?:-{2,}\s*Original Message\s*-{2,}|_{20,})\s*$/i;

const fenceOpening = /^\s*(`{3,}|~{3,})(.*)$/;
const quote = /^\s*>/;
const blank = /^\s*$/;

/** Columns of leading whitespace, a tab counting to the next multiple of four. */
function indentation(text: string): number {
  let columns = 0;
  for (const char of text) {
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function openFence(text: string): Fence | undefined {
  const match = fenceOpening.exec(text);
  const run = match?.[1];
  if (!run) return undefined;
  const char = run[0] === "~" ? "~" : "`";
  // A backtick fence's info string may not contain a backtick (that line is inline code).
  if (char === "`" && (match[2] ?? "").includes("`")) return undefined;
  return { char, length: run.length };
}

const closesFence = (text: string, fence: Fence): boolean =>
  new RegExp(`^\\s*\\${fence.char}{${fence.length},}\\s*$`).test(text);

/** Where the HTML comment opened at `open` ends (index after it), or -1 if not on this text. */
function commentEnd(text: string, open: number): number {
  const rest = open + 4;
  // CommonMark also accepts the degenerate `<!-->` and `<!--->`.
  if (text.startsWith(">", rest)) return rest + 1;
  if (text.startsWith("->", rest)) return rest + 2;
  const close = text.indexOf("-->", rest);
  return close === -1 ? -1 : close + 3;
}

/** Removes the closed comments of one line; `open` is the index of an unclosed `<!--` left. */
function removeClosedComments(text: string): { text: string; open: number } {
  let out = "";
  let from = 0;
  for (;;) {
    const open = text.indexOf("<!--", from);
    if (open === -1) return { text: out + text.slice(from), open: -1 };
    const end = commentEnd(text, open);
    if (end === -1) return { text: out + text.slice(from), open: out.length + (open - from) };
    out += text.slice(from, open);
    from = end;
  }
}

/**
 * Splits a comment into lines and marks where a slash command may start, following how GitHub
 * renders it: fenced and indented code, block quotes (`> /status` quotes someone else's command)
 * and HTML comments (invisible, so nobody could review what they ask) are not commands. A line
 * the author typed without `>` after a quote is theirs even though markdown would render it
 * inside the quote. Everything from an e-mail reply header (`On … wrote:`) on is the quoted mail
 * and is dropped, as GitHub folds it away. Lines wholly inside an HTML comment are dropped too.
 */
export function readCommentLines(body: string): CommentLine[] {
  const lines = normalizeNewlines(body.replace(/^\uFEFF/, "")).split("\n");
  const out: CommentLine[] = [];
  let fence: Fence | undefined;
  let inComment = false;
  let inIndentedCode = false;
  let previousBlank = true;
  // whether a `<!--` is closed later asks only where the last `-->` is: one pass, not one per line
  const lastClose = lines.findLastIndex((later) => later.includes("-->"));

  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? "";
    const line = index + 1;
    if (fence) {
      if (closesFence(raw, fence)) fence = undefined;
      out.push({ line, text: raw, commandable: false });
      continue;
    }
    let text = raw;
    let commandable = true;
    if (inComment) {
      const close = text.indexOf("-->");
      if (close === -1) continue;
      // An HTML block ends with the line holding `-->`; the rest of that line belongs to it.
      text = text.slice(close + 3);
      inComment = false;
      commandable = false;
    }
    const removed = removeClosedComments(text);
    text = removed.text;
    if (removed.open !== -1) {
      const before = text.slice(0, removed.open);
      const closedLater = lastClose > index;
      // Unclosed mid-line `<!--` is shown literally; at the start of a line it hides the rest.
      if (closedLater || blank.test(before)) {
        text = before;
        inComment = closedLater;
        if (!closedLater) {
          if (!blank.test(text)) out.push({ line, text, commandable });
          break;
        }
      }
    }
    if (commandable && mailSeparator.test(text)) break;
    if (commandable && mailHeader.test(text)) break;
    if (commandable && wrappedMailHeaderEnd.test(text) && /^\s*On\s/.test(lines[index - 1] ?? "")) {
      out.pop();
      break;
    }
    if (blank.test(text)) {
      previousBlank = true;
      out.push({ line, text, commandable: false });
      continue;
    }
    inIndentedCode = indentation(text) >= 4 && (previousBlank || inIndentedCode);
    previousBlank = false;
    if (inIndentedCode || quote.test(text)) commandable = false;
    else {
      fence = openFence(text);
      if (fence) commandable = false;
    }
    out.push({ line, text, commandable });
  }
  return out;
}
