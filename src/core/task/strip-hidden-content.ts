/**
 * Characters that render as nothing (or reorder what is shown) but still reach a model or a
 * parser: zero-width spaces and joiners, bidi controls ("Trojan Source"), soft hyphen, Unicode
 * tag characters (used to smuggle ASCII past a reader), interlinear annotations, and the C0/C1
 * control characters other than tab and newline. Emoji variation selectors (U+FE00–U+FE0F) stay:
 * they only choose a glyph style and are everywhere in ordinary emoji.
 */
const invisibleCharacters =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u{1D173}-\u{1D17A}]/gu;

/**
 * Removes complete HTML comments, including the degenerate `<!-->` and `<!--->` forms CommonMark
 * accepts. A scan with indexOf rather than a lazy regex: thousands of unclosed `<!--` in a
 * hostile issue would make the regex quadratic.
 */
function removeHtmlComments(text: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = text.indexOf("<!--", from);
    if (open === -1) break;
    const rest = open + 4;
    const short = text.startsWith(">", rest) ? rest + 1 : text.startsWith("->", rest) ? rest + 2 : -1;
    const close = short !== -1 ? short : text.indexOf("-->", rest);
    // No `-->` after this point means no later comment closes either.
    if (close === -1) break;
    out += text.slice(from, open);
    from = short !== -1 ? short : close + 3;
  }
  return out + text.slice(from);
}

/**
 * An unclosed `<!--` at the start of a line opens an HTML block that GitHub hides up to the end
 * of the text; one in the middle of a line is shown literally, so only the first kind is cut.
 */
const unclosedCommentBlock = /^ {0,3}<!--[\s\S]*$/m;

/** Text without its invisible characters (HTML comments kept); line endings become LF. */
export function stripInvisible(text: string): string {
  return normalizeNewlines(text).replace(invisibleCharacters, "");
}

/** CRLF and lone CR become LF, as GitHub shows them. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Removes what a reader of the rendered issue cannot see: HTML comments and invisible Unicode.
 * Issue text is untrusted; an instruction or a spec hidden this way must not reach the agent
 * or the parser, because the owner who approved the issue never saw it. Line endings become LF.
 */
export function stripHiddenContent(text: string): string {
  // Comments go first, matched on the raw text exactly as GitHub sees it: a zero-width character
  // inside `<!--` or `-->` changes where GitHub's comment starts and ends.
  return removeHtmlComments(normalizeNewlines(text)).replace(unclosedCommentBlock, "").replace(invisibleCharacters, "");
}
