import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseTaskFile,
  parseTaskSpec,
  renderTaskFile,
  taskFileKeys,
  taskSpecFields,
} from "../../../src/core/task/index.js";
import type { TaskFileFrontMatter } from "../../../src/core/task/index.js";
import { findPatternProblem } from "../../../src/core/scope/index.js";
import { mulberry32 } from "../../helpers/random-tokens.js";

const random = mulberry32;

/** Fragments that have broken front-matter writers before: YAML syntax, markers, odd Unicode. */
const nasty = [
  "---",
  "...",
  "--- ",
  "\n---\n",
  "\n...\n",
  ": ",
  " #",
  "# not a comment",
  '"',
  "'",
  "`",
  "\\",
  "\\n",
  "\n",
  "\t",
  "\r",
  "\r\n",
  "  ",
  "- ",
  "? ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&anchor",
  "*alias",
  "!tag",
  "!!str",
  "%YAML 1.2",
  "@",
  "|",
  ">",
  "null",
  "~",
  "true",
  "no",
  "0x1F",
  "1e3",
  "012",
  "2024-01-01",
  ".inf",
  "é",
  "ü",
  "日本語",
  "🚀",
  "👩‍👩‍👧",
  "\u200B",
  "\u00A0",
  "\u0000",
  "\u001B[31m",
  "\u2028",
  "\uFEFF",
  "<!-- x -->",
  "```",
  "~~~autopilot",
  "plain words",
  "src/**",
];

function text(next: () => number, maxParts: number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * (maxParts + 1));
  for (let i = 0; i < count; i += 1) {
    parts.push(nasty[Math.floor(next() * nasty.length)] ?? "");
  }
  return parts.join(next() < 0.5 ? "" : " ");
}

/** Non-empty after trimming, as the schema's trim transform leaves criteria and globs. */
function trimmedText(next: () => number, maxParts: number): string {
  const value = text(next, maxParts).trim();
  return value === "" ? "x" : value;
}

const list = (next: () => number, min: number, item: () => string): string[] =>
  Array.from({ length: min + Math.floor(next() * 4) }, item);

/** Awkward text that the scope gate would still accept as a glob (task files hold only those). */
function usableGlob(next: () => number): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = trimmedText(next, 3);
    if (findPatternProblem(candidate) === undefined) return candidate;
  }
  return "src/**";
}

function frontMatter(seed: number): TaskFileFrontMatter {
  const next = random(seed);
  const issue = 1 + Math.floor(next() * 100_000);
  const fm: TaskFileFrontMatter = {
    id: `T-${issue}`,
    issue,
    title: text(next, 6),
    branch: `autopilot/T-${issue}-${trimmedText(next, 2)}`,
    risk: (["low", "medium", "high", "critical"] as const)[Math.floor(next() * 4)] ?? "low",
    mode: (["full", "review_only", "disabled"] as const)[Math.floor(next() * 3)] ?? "full",
    scope: list(next, 1, () => usableGlob(next)),
    forbidden: list(next, 0, () => usableGlob(next)),
    refs: list(next, 0, () => `${["NT", "TD", "WBS"][Math.floor(next() * 3)]}-${Math.floor(next() * 10_000)}`),
    acceptance: list(next, 1, () => trimmedText(next, 5)),
    tests: list(next, 0, () => trimmedText(next, 3)),
  };
  const budget = next();
  if (budget < 0.25) fm.budget = { files: 1 + Math.floor(next() * 50) };
  else if (budget < 0.5) fm.budget = { lines: 1 + Math.floor(next() * 5000) };
  else if (budget < 0.75) fm.budget = { files: 3, lines: 400 };
  return fm;
}

function brief(seed: number): string {
  const next = random(seed * 7919 + 1);
  const lines = Array.from({ length: Math.floor(next() * 8) }, () => text(next, 4));
  return lines.join(next() < 0.2 ? "\r\n" : "\n");
}

const example: TaskFileFrontMatter = {
  id: "T-12",
  issue: 12,
  title: 'Add "paginated" widgets: part 1 — café ☕',
  branch: "autopilot/T-12-add-paginated-widgets-part-1-cafe",
  risk: "medium",
  mode: "full",
  scope: ["src/widgets/**", "test/widgets/**"],
  forbidden: [".github/workflows/**"],
  refs: ["NT-0012", "WBS-003"],
  item: "1.10",
  budget: { files: 20, lines: 600 },
  acceptance: ["GET /widgets returns the list, paginated"],
  tests: ["npm test -- widgets"],
};

describe("renderTaskFile", () => {
  it("writes YAML front matter in a stable key order, then a blank line and the brief", () => {
    const shuffled = Object.fromEntries(Object.entries(example).reverse()) as TaskFileFrontMatter;
    const file = renderTaskFile(shuffled, "Paginate it.\n\n---\n\nThen ship.");
    const keys = file
      .split("\n---\n")[0]
      ?.split("\n")
      .filter((line) => /^[a-z]+:/.test(line))
      .map((line) => line.slice(0, line.indexOf(":")));
    expect(keys).toEqual([...taskFileKeys]);
    expect(file.startsWith("---\nid: T-12\nissue: 12\n")).toBe(true);
    expect(file.endsWith("---\n\nPaginate it.\n\n---\n\nThen ship.\n")).toBe(true);
    expect(file).toContain("budget:\n  files: 20\n  lines: 600\n");
  });

  it("lists every spec field among the front-matter keys", () => {
    for (const field of taskSpecFields) expect(taskFileKeys).toContain(field);
  });

  it("omits an absent budget and writes empty lists explicitly", () => {
    const { budget: _omitted, ...withoutBudget } = example;
    const file = renderTaskFile({ ...withoutBudget, forbidden: [], refs: [], tests: [] }, "");
    expect(file).not.toContain("budget");
    expect(file).toContain("forbidden: []\nrefs: []\n");
    expect(file.endsWith("---\n")).toBe(true);
  });

  it("writes a budget's keys in the order files, lines", () => {
    const file = renderTaskFile({ ...example, budget: { lines: 5, files: 2 } }, "b");
    expect(file).toContain("budget:\n  files: 2\n  lines: 5\n");
  });

  it("never writes YAML aliases, even when two fields share one array", () => {
    const shared = ["src/**"];
    const file = renderTaskFile({ ...example, scope: shared, forbidden: shared }, "b");
    expect(file).not.toMatch(/[&*]a\d/);
    expect(parseTaskFile(file)).toMatchObject({ ok: true, frontMatter: { scope: ["src/**"], forbidden: ["src/**"] } });
  });

  it("refuses invalid front matter instead of writing a file it cannot read back", () => {
    expect(() => renderTaskFile({ ...example, id: "T-0" }, "b")).toThrow(/T-42/);
    expect(() => renderTaskFile({ ...example, scope: [] }, "b")).toThrow();
  });
});

describe("parseTaskFile", () => {
  it("reads back what renderTaskFile wrote, for many generated task files", () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const fm = frontMatter(seed);
      const body = brief(seed);
      const parsed = parseTaskFile(renderTaskFile(fm, body));
      expect(parsed, `seed ${seed}`).toEqual({ ok: true, frontMatter: fm, brief: body });
    }
  });

  it.each([
    ["empty", ""],
    ["a single newline", "\n"],
    ["leading and trailing blank lines", "\n\nbody\n\n"],
    ["front-matter fences", "---\nid: T-99\n---\n"],
    ["only a fence", "---"],
    ["a document end marker", "...\nmore"],
    ["CRLF line endings", "one\r\ntwo\r\n"],
    ["trailing spaces", "line  \n  "],
  ])("keeps a brief with %s byte for byte", (_name, body) => {
    expect(parseTaskFile(renderTaskFile(example, body))).toEqual({ ok: true, frontMatter: example, brief: body });
  });

  it.each([
    ["a quoted, colon-laden title", 'He said: "yes" — it\'s #1: ok?'],
    ["a multiline title", "first\n---\nsecond"],
    ["a title that looks like YAML", "- [a, b]: {c: d}"],
    ["a title that looks like a number", "12"],
    ["an empty title", ""],
    ["a title with emoji and CJK", "🚀 加速 widgets"],
  ])("round-trips %s", (_name, title) => {
    const fm = { ...example, title };
    expect(parseTaskFile(renderTaskFile(fm, "brief"))).toEqual({ ok: true, frontMatter: fm, brief: "brief" });
  });

  it("reads a file checked out with CRLF line endings", () => {
    const file = renderTaskFile(example, "line one\nline two").replace(/\n/g, "\r\n");
    expect(parseTaskFile(file)).toEqual({ ok: true, frontMatter: example, brief: "line one\nline two" });
  });

  it("reads a hand-written file without the blank line after the front matter", () => {
    const file =
      "---\nid: T-3\nissue: 3\ntitle: t\nbranch: b\nrisk: low\nscope: [src/**]\nacceptance: [ok]\n---\nBrief";
    expect(parseTaskFile(file)).toEqual({
      ok: true,
      frontMatter: {
        id: "T-3",
        issue: 3,
        title: "t",
        branch: "b",
        risk: "low",
        mode: "full",
        scope: ["src/**"],
        forbidden: [],
        refs: [],
        acceptance: ["ok"],
        tests: [],
      },
      brief: "Brief",
    });
  });

  it.each([
    ["no front matter", "# Just a brief", /must start with a `---` line/],
    ["an unclosed front matter", "---\nid: T-1\n", /no closing `---` line/],
    ["a YAML error, with the file's line number", "---\nid: T-1\nid: T-2\n---\n", /^line 3: Map keys must be unique/],
    ["a missing field", "---\nid: T-1\nissue: 1\ntitle: t\nbranch: b\nrisk: low\nscope: [a]\n---\n", /^acceptance: /],
    [
      "an invalid id",
      "---\nid: task-1\nissue: 1\ntitle: t\nbranch: b\nrisk: low\nscope: [a]\nacceptance: [x]\n---\n",
      /^id: must look like T-42/,
    ],
    [
      "an unknown key",
      "---\nid: T-1\nissue: 1\ntitle: t\nbranch: b\nrisk: low\nscope: [a]\nacceptance: [x]\nowner: me\n---\n",
      /owner/,
    ],
    [
      "an empty front matter, every missing key in file order",
      "---\n---\nbrief",
      /^id: missing\nissue: missing\ntitle: missing\nbranch: missing\nrisk: missing\nscope: missing\nacceptance: missing$/,
    ],
  ])("reports %s", (_name, file, pattern) => {
    const parsed = parseTaskFile(file);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join("\n")).toMatch(pattern);
  });
});

describe("ops/examples/T-12.md", () => {
  const file = readFileSync(new URL("../../../ops/examples/T-12.md", import.meta.url), "utf8");

  it("is a valid task file exactly as renderTaskFile writes it", () => {
    const parsed = parseTaskFile(file);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.frontMatter.id).toBe("T-12");
    expect(renderTaskFile(parsed.frontMatter, parsed.brief)).toBe(file);
  });

  it("holds the spec an issue with the same block would produce", () => {
    const parsed = parseTaskFile(file);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const { id: _id, issue: _issue, title: _title, branch: _branch, ...spec } = parsed.frontMatter;
    const fence = "```";
    const block = `${fence}autopilot\n${JSON.stringify(spec)}\n${fence}`;
    expect(parseTaskSpec(`${parsed.brief}\n\n${block}`)).toMatchObject({ ok: true, spec, brief: parsed.brief });
  });
});
