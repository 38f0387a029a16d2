import { describe, expect, it } from "vitest";
import { protectionBlockers, type ProtectionBlockersInput } from "../../../src/core/merge/index.js";

const head = "a".repeat(40);
const input = (unresolvedThreads: ProtectionBlockersInput["unresolvedThreads"]): ProtectionBlockersInput => ({
  base: "main",
  headSha: head,
  author: "autopilot[bot]",
  protection: { kind: "unknown" },
  refusal: "Repository rule violations found\n\nAll comments must be resolved.",
  mergeable: true,
  mergeableState: "blocked",
  behindBase: false,
  reviews: [],
  ownerGroups: [],
  checks: [],
  ...(unresolvedThreads === undefined ? {} : { unresolvedThreads }),
});

describe("unresolved review conversations as a protection blocker", () => {
  it("says how many, each path:line and who opened it, and that a person resolves them", () => {
    const blockers = protectionBlockers(
      input({
        requirement: "required",
        threads: [
          { path: "src/a.ts", line: 3, openedBy: "alice" },
          { path: "src/b.ts", line: null, openedBy: "autopilot[bot]" },
        ],
      }),
    );
    expect(blockers).toEqual([
      {
        kind: "conversations",
        text:
          "2 unresolved review conversations (the base requires every conversation resolved before merging; " +
          "Autopilot resolves only threads wholly its own): `src/a.ts:3` opened by `@`alice, `src/b.ts` opened by " +
          "`@`autopilot\\[bot\\]: a person resolves each on the pull request",
      },
    ]);
  });

  it("hedges when the protection could not be read, and names a deleted account", () => {
    const [blocker] = protectionBlockers(input({ requirement: "possible", threads: [{ path: "x.ts", line: 1 }] }));
    expect(blocker?.text).toContain("1 unresolved review conversation (if the base requires conversations resolved");
    expect(blocker?.text).toContain("`x.ts:1` opened by a deleted account: a person resolves it");
  });

  it("disarms a path and a login: no HTML, no link, no mention outside a code span", () => {
    const [blocker] = protectionBlockers(
      input({
        requirement: "required",
        threads: [{ path: "a<script>`x`[l](http://e.vil)@org/team.ts", line: 2, openedBy: "mallory" }],
      }),
    );
    const outsideCode = (blocker?.text ?? "").replace(/``[\s\S]*?``|`[^`]*`/g, "");
    expect(outsideCode).not.toMatch(/<script>|\]\(http|@org|@mallory/);
  });

  it("lists ten threads and counts the rest", () => {
    const threads = Array.from({ length: 12 }, (_, index) => ({ path: `f${index}.ts`, line: index, openedBy: "bob" }));
    const [blocker] = protectionBlockers(input({ requirement: "required", threads }));
    expect(blocker?.text).toContain("12 unresolved review conversations");
    expect(blocker?.text).toContain("and 2 more");
  });

  it("adds nothing when no thread is left (GitHub's message is the blocker, as before)", () => {
    expect(protectionBlockers(input({ requirement: "required", threads: [] })).map((item) => item.kind)).toEqual([
      "other",
    ]);
  });
});
