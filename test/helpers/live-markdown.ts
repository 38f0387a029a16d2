/**
 * What in a piece of GitHub markdown would render live: a mention, an image, a link, an
 * autolink, raw HTML or an HTML entity (which could spell any of them). A reader's approximation
 * of GitHub's renderer, strict on purpose: complete HTML comments, code blocks and code spans are
 * taken out the way CommonMark reads them (left to right, a backslash escaping what follows outside
 * a span), escaped characters are taken out, and whatever markup is left is reported.
 */
export function liveMarkdown(markdown: string): string[] {
  const found: string[] = [];
  let fence: { char: string; length: number } | undefined;
  const prose: string[] = [];
  // a complete HTML comment renders as nothing (the app keeps its markers and records there)
  const shown = markdown.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?-->/g, "");
  for (const line of shown.split("\n")) {
    if (fence) {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line)?.[1];
      if (close?.startsWith(fence.char) && close.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})([^`]*)$/.exec(line);
    if (open?.[1]) {
      fence = { char: open[1].charAt(0), length: open[1].length };
      if (/mermaid|geojson|topojson|stl|math/i.test(open[2] ?? "")) found.push(`rendered block: ${line}`);
      continue;
    }
    prose.push(line);
  }
  // paragraphs: code spans may run over line ends inside one
  for (const paragraph of prose.join("\n").split(/\n\s*\n/)) {
    const text = withoutCodeSpans(paragraph).replace(/\\[!-/:-@[-`{-~]/g, "□");
    const report = (kind: string, pattern: RegExp) => {
      for (const match of text.matchAll(pattern)) found.push(`${kind}: ${match[0]}`);
    };
    report("image", /!\[/g);
    report("link", /\[[^\]]*\]\s?[([][^)\]]*/g);
    report("reference definition", /^ {0,3}\[[^\]]+\]:/gm);
    report("html", /<\/?[A-Za-z][^>]*>?/g);
    report("autolink", /<[a-z][a-z0-9+.-]*:[^>\s]*>/gi);
    report("entity", /&#x?[0-9a-f]+;?/gi);
    report("mention", /(?:^|[^A-Za-z0-9])@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?/g);
    report("bare link", /(?:https?:\/\/|www\.)[^\s<)]*/gi);
  }
  return found;
}

/**
 * The paragraph with its code spans replaced by `▯`, read left to right as CommonMark does: a
 * backslash escapes the next character outside a span; a backtick run opens a span closed by the
 * next run of the same length (no escapes inside), or is literal text when none follows.
 */
function withoutCodeSpans(paragraph: string): string {
  let out = "";
  let index = 0;
  while (index < paragraph.length) {
    const char = paragraph.charAt(index);
    if (char === "\\") {
      out += paragraph.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char !== "`") {
      out += char;
      index += 1;
      continue;
    }
    let end = index;
    while (paragraph.charAt(end) === "`") end += 1;
    const length = end - index;
    const closer = new RegExp(`(?<!\`)\`{${length}}(?!\`)`, "g");
    closer.lastIndex = end;
    const close = closer.exec(paragraph);
    if (close) {
      out += "▯";
      index = close.index + length;
    } else {
      out += paragraph.slice(index, end);
      index = end;
    }
  }
  return out;
}
