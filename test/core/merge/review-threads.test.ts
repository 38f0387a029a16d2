import { describe, expect, it } from "vitest";
import {
  ownThread,
  settledWithoutStanding,
  unresolvedThreads,
  type ReviewThreadView,
} from "../../../src/core/merge/index.js";

const app = { login: "autopilot[bot]", bot: true };
const thread = (id: string, authors: ReviewThreadView["authors"], over: Partial<ReviewThreadView> = {}) => ({
  id,
  isResolved: false,
  path: "src/a.ts",
  line: 1,
  authors,
  complete: true,
  ...over,
});

describe("which review threads are the app's own", () => {
  it("is one whose every comment is by the app's bot (its login in any case, with or without [bot] read back)", () => {
    expect(ownThread(thread("T", [app, { login: "Autopilot[bot]", bot: true }]), "autopilot[bot]")).toBe(true);
  });

  it("is not one a person replied in", () => {
    expect(ownThread(thread("T", [app, { login: "alice", bot: false }]), "autopilot[bot]")).toBe(false);
  });

  it("is not one by a user account named like the app, another app, or a deleted account", () => {
    expect(ownThread(thread("T", [{ login: "autopilot[bot]", bot: false }]), "autopilot[bot]")).toBe(false);
    expect(ownThread(thread("T", [{ login: "autopilot-x[bot]", bot: true }]), "autopilot[bot]")).toBe(false);
    expect(ownThread(thread("T", [null]), "autopilot[bot]")).toBe(false);
  });

  it("is not one whose comments were not all read, nor one with no comment", () => {
    expect(ownThread(thread("T", [app], { complete: false }), "autopilot[bot]")).toBe(false);
    expect(ownThread(thread("T", []), "autopilot[bot]")).toBe(false);
  });

  it("splits only the unresolved threads into the app's own and everyone else's", () => {
    const split = unresolvedThreads(
      [thread("A", [app]), thread("B", [app], { isResolved: true }), thread("C", [{ login: "bob", bot: false }])],
      "autopilot[bot]",
    );
    expect(split.own.map((item) => item.id)).toEqual(["A"]);
    expect(split.others.map((item) => item.id)).toEqual(["C"]);
  });
});

describe("people's conversations resolved by someone who may not settle them", () => {
  const alice = { login: "alice", bot: false };
  const agent = { login: "agent-dev", bot: false };
  const facts = { owners: ["alice", "bob"], changeAccounts: ["agent-dev"], declaredAccounts: ["agent-dev"] };
  const resolved = (authors: ReviewThreadView["authors"], resolvedBy: string | null) =>
    thread("T", authors, { isResolved: true, resolvedBy });

  it("counts an owner's conversation the agent's account, a bot or an outsider resolved", () => {
    const settled = settledWithoutStanding(
      [
        resolved([alice, agent], "agent-dev"),
        resolved([alice], null),
        resolved([alice], "mallory"),
        resolved([alice], "Agent-Dev"),
      ],
      app.login,
      facts,
    );
    expect(settled.map((item) => item.resolvedBy)).toEqual(["agent-dev", null, "mallory", "Agent-Dev"]);
    expect(settled[0]).toEqual({ path: "src/a.ts", line: 1, openedBy: "alice", resolvedBy: "agent-dev" });
  });

  it("lets its opener or an owner settle it, and leaves the change's own and the app's threads alone", () => {
    const carol = { login: "carol", bot: false };
    expect(
      settledWithoutStanding(
        [
          resolved([alice], "alice"),
          resolved([alice], "BOB"),
          resolved([carol], "carol"),
          resolved([agent], "agent-dev"),
          resolved([app], null),
          resolved([null], "agent-dev"),
          thread("open", [alice], { isResolved: false }),
          // a resolver not read is taken as settled
          thread("unread", [alice], { isResolved: true }),
        ],
        app.login,
        facts,
      ),
    ).toEqual([]);
  });
});
