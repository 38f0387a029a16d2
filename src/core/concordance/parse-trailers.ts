/**
 * Commit-message trailers, read the way `git interpret-trailers --parse` reads them (git's
 * trailer.c, ported line for line where it matters) so that what the gate sees is what
 * `git log --format='%(trailers)'` shows the author.
 */
export interface Trailer {
  /** the token; our own keys and git's well-known ones are put in canonical case (`refs` → `Refs`) */
  key: string;
  /** trimmed, continuation lines unfolded into single spaces */
  value: string;
}

export interface ParseTrailersOptions {
  /**
   * Keys that count like git's "user-configured" trailers for the 25% rule (as with
   * `git -c trailer.<key>.key=<key>`). Default: `Co-authored-by`, which GitHub writes on squash merges.
   */
  recognizedKeys?: readonly string[];
  /** Treat a `---` line as the start of a patch and ignore what follows (git's default). Default true. */
  divider?: boolean;
}

/** Keys written back in one spelling so consumers can compare them with `===`. */
const canonicalKeys = ["Task", "Refs", "WBS", "Signed-off-by", "Co-authored-by"];
const canonicalByLower = new Map(canonicalKeys.map((key) => [key.toLowerCase(), key]));

/** git's `git_generated_prefixes`: matched case-sensitively, including the space. */
const gitGeneratedPrefixes = ["Signed-off-by: ", "(cherry picked from commit "];
const commentPrefix = "#";
const scissorsLine = `\n${commentPrefix} ------------------------ >8 ------------------------\n`;

export function parseTrailers(message: string, options: ParseTrailersOptions = {}): Trailer[] {
  // git treats "\r" as whitespace, so CRLF messages (GitHub's web editor) parse the same after this.
  const text = message.replace(/\r\n/g, "\n");
  const recognized = new Set((options.recognizedKeys ?? ["Co-authored-by"]).map((key) => key.toLowerCase()));
  const end = findEndOfLogMessage(text, options.divider ?? true);
  const start = findTrailerBlockStart(text, end, recognized);
  return parseTrailerBlock(text.slice(start, end));
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && ch !== "" && " \t\n\v\f\r".includes(ch);
const isAlnum = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);

/** Offset of the line after the one starting at `pos` (or the end of the text). */
function nextLine(text: string, pos: number): number {
  const newline = text.indexOf("\n", pos);
  return newline === -1 ? text.length : newline + 1;
}

/** Start of the last line of `text.slice(0, len)`, a trailing "\n" belonging to that line. */
function lastLine(text: string, len: number): number {
  if (len === 0) return -1;
  if (len === 1) return 0;
  for (let i = len - 2; i >= 0; i -= 1) {
    if (text[i] === "\n") return i + 1;
  }
  return 0;
}

function isBlankLine(text: string, pos: number): boolean {
  let i = pos;
  while (i < text.length && text[i] !== "\n" && isSpace(text[i])) i += 1;
  return i >= text.length || text[i] === "\n";
}

/**
 * Position of the separator of a `Token: value` line, or -1. Like git: the token is letters,
 * digits and '-', optionally followed by blanks before the ':'; anything else means no trailer.
 */
function findSeparator(line: string): number {
  let whitespaceFound = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (ch === ":") return i;
    if (!whitespaceFound && (isAlnum(ch) || ch === "-")) continue;
    if (i !== 0 && (ch === " " || ch === "\t")) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** The message without a patch (`---` line onwards), trailing comments and blank lines. */
function findEndOfLogMessage(text: string, divider: boolean): number {
  let end = text.length;
  if (divider) {
    for (let pos = 0; pos < text.length; pos = nextLine(text, pos)) {
      if (text.startsWith("---", pos) && isSpace(text[pos + 3])) {
        end = pos;
        break;
      }
    }
  }
  return end - ignoredLogMessageBytes(text, end);
}

/** git's `ignored_log_message_bytes`: trailing comments, blank lines, an old "Conflicts:" block. */
function ignoredLogMessageBytes(text: string, len: number): number {
  let boc = 0;
  let inOldConflictsBlock = false;
  const cutoff = locateScissors(text, len);
  let bol = 0;
  while (bol < cutoff) {
    const newline = text.indexOf("\n", bol);
    const next = newline === -1 || newline >= len ? len : newline + 1;
    if (text.startsWith(commentPrefix, bol) || text[bol] === "\n") {
      if (!boc) boc = bol;
    } else if (text.startsWith("Conflicts:\n", bol)) {
      inOldConflictsBlock = true;
      if (!boc) boc = bol;
    } else if (inOldConflictsBlock && text[bol] === "\t") {
      // a path listed in the conflicts block
    } else if (boc) {
      boc = 0;
      inOldConflictsBlock = false;
    }
    bol = next;
  }
  return boc ? len - boc : len - cutoff;
}

/** git's `wt_status_locate_end`: everything below a scissors line is not part of the message. */
function locateScissors(text: string, len: number): number {
  if (text.startsWith(scissorsLine.slice(1))) return 0;
  const at = text.indexOf(scissorsLine);
  if (at !== -1 && at + 1 < len) return at + 1;
  return len;
}

/**
 * git's `find_trailer_block_start`: walking up from the end, the last paragraph is the trailer
 * block when all its lines are trailers, or when one is git-generated / recognized and trailers
 * make up at least 25% of it. The first paragraph (the subject) never counts.
 */
function findTrailerBlockStart(text: string, len: number, recognized: Set<string>): number {
  let s = 0;
  for (; s < len; s = nextLine(text, s)) {
    if (text.startsWith(commentPrefix, s)) continue;
    if (isBlankLine(text, s)) break;
  }
  const endOfTitle = s;

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  // continuation lines belong to the trailer above them, or count as prose if prose is above them
  let possibleContinuationLines = 0;

  for (let l = lastLine(text, len); l >= endOfTitle; l = lastLine(text, l)) {
    const line = text.slice(l, nextLine(text, l));
    if (line.startsWith(commentPrefix)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(text, l)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return nextLine(text, l);
      if (trailerLines && !nonTrailerLines) return nextLine(text, l);
      return len;
    }
    onlySpaces = false;

    if (gitGeneratedPrefixes.some((prefix) => line.startsWith(prefix))) {
      trailerLines += 1;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }

    const separator = findSeparator(line);
    if (separator >= 1 && !isSpace(line[0])) {
      trailerLines += 1;
      possibleContinuationLines = 0;
      if (recognized.has(line.slice(0, separator).toLowerCase())) recognizedPrefix = true;
    } else if (isSpace(line[0])) {
      possibleContinuationLines += 1;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return len;
}

/** Splits the block into trailers: continuation lines join the trailer above, prose is dropped. */
function parseTrailerBlock(block: string): Trailer[] {
  const lines = block.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const entries: string[] = [];
  let lastIsTrailer = false;
  for (const line of lines) {
    if (lastIsTrailer && isSpace(line[0])) {
      entries[entries.length - 1] += line;
      continue;
    }
    entries.push(line);
    lastIsTrailer = findSeparator(line) >= 1;
  }

  const trailers: Trailer[] = [];
  for (const entry of entries) {
    if (entry.startsWith(commentPrefix)) continue;
    const separator = findSeparator(entry);
    if (separator < 1) continue;
    const token = entry.slice(0, separator).trim();
    const key = canonicalByLower.get(token.toLowerCase()) ?? token;
    trailers.push({ key, value: unfold(entry.slice(separator + 1)) });
  }
  return trailers;
}

/** git's `unfold_value`: each line break plus the indentation after it becomes one space. */
function unfold(value: string): string {
  return trimAsciiSpace(trimAsciiSpace(value).replace(/\n[ \t\n\v\f\r]*/g, " "));
}

/** C's `isspace` set only: a value ending in a no-break space keeps it, as in git. */
function trimAsciiSpace(value: string): string {
  return value.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
}
