import { describe, expect, it } from "vitest";
import {
  dismissalFor,
  dismissalsOf,
  parseDecisions,
  readCommands,
  recordDismissal,
  serializeDecisions,
} from "../../../src/core/commands/index.js";

const finding = { fingerprint: "3fa2c1d09b7e4a51", text: "The page size is fixed.", file: "src/list.ts", change: "c1" };
const input = {
  task: "T-4",
  pr: 7,
  comment: 99,
  delivery: "d-1",
  finding,
  reason: "50 is the product's page size",
  by: "octocat",
  at: "2026-12-05T10:00:00.000Z",
};

describe("/dismiss", () => {
  it("reads a fingerprint and a reason, and refuses a command without either", () => {
    expect(readCommands("/dismiss 3FA2C1D09B7E4A51 the cap is upstream").commands).toEqual([
      { line: 1, kind: "dismiss", fingerprint: "3fa2c1d09b7e4a51", reason: "the cap is upstream" },
    ]);
    expect(readCommands("/dismiss 3fa2c1d09b7e4a51").commands[0]).toMatchObject({ kind: "invalid", name: "dismiss" });
    expect(readCommands("/dismiss R1 not a fingerprint").commands[0]).toMatchObject({
      kind: "invalid",
      name: "dismiss",
    });
  });
});

describe("dismissals in ops/decisions.jsonl", () => {
  it("records one, answered at once, and survives a round trip of the file; the same again records nothing", () => {
    const first = recordDismissal(parseDecisions("").doc, input);
    if ("error" in first) throw new Error(first.error);
    expect(first.decision).toMatchObject({
      id: "Q-1",
      task: "T-4",
      kind: "dismissal",
      finding,
      answer: { text: input.reason, by: "octocat" },
    });
    const again = recordDismissal(parseDecisions(serializeDecisions(first.doc)).doc, { ...input, comment: 100 });
    expect("error" in again ? again.error : again.created).toBe(false);
    expect(dismissalsOf(first.doc, "T-4")).toEqual([{ ...finding, reason: input.reason, by: "octocat" }]);
    expect(dismissalsOf(first.doc, "T-5")).toEqual([]);
  });

  it("covers the finding while the PR's change to its file is the same, not once it changes", () => {
    const dismissals = [{ ...finding, reason: "r", by: "octocat" }];
    expect(dismissalFor({ fingerprint: finding.fingerprint }, dismissals, () => "c1")).toBeDefined();
    expect(dismissalFor({ fingerprint: finding.fingerprint }, dismissals, () => "c2")).toBeUndefined();
    expect(dismissalFor({ fingerprint: "0000000000000000" }, dismissals, () => "c1")).toBeUndefined();
  });
});

describe("/waive", () => {
  it("reads a criterion number and a reason; records the waiver once; lists the waived numbers", async () => {
    const { recordWaiver, waivedCriteria } = await import("../../../src/core/commands/index.js");
    expect(readCommands("/waive 2 covered by the gateway").commands).toEqual([
      { line: 1, kind: "waive", criterion: 2, reason: "covered by the gateway" },
    ]);
    expect(readCommands("/waive two because").commands[0]).toMatchObject({ kind: "invalid", name: "waive" });
    expect(readCommands("/waive 2").commands[0]).toMatchObject({ kind: "invalid", name: "waive" });
    const waiver = {
      task: "T-4",
      pr: 7,
      comment: 5,
      delivery: null,
      criterion: 2,
      text: "a ?page= parameter selects the page",
      reason: "covered",
      by: "octocat",
      at: "2026-12-05T10:00:00.000Z",
    };
    const first = recordWaiver(parseDecisions("").doc, waiver);
    if ("error" in first) throw new Error(first.error);
    expect(first.decision).toMatchObject({ kind: "waiver", criterion: 2, answer: { text: "covered" } });
    const again = recordWaiver(first.doc, { ...waiver, comment: 6 });
    expect("error" in again ? again.error : again.created).toBe(false);
    expect(waivedCriteria(first.doc, "T-4")).toEqual([2]);
  });
});
