import { describe, expect, it } from "vitest";
import { approvedSince, decidingEdit, isOwnEdit, type BodyEditOf } from "../../../src/core/commands/index.js";

const app = "autopilot[bot]";
const by = (login: string, type: string, at = "2026-12-06T10:00:00Z"): BodyEditOf => ({ at, editor: { login, type } });

describe("isOwnEdit", () => {
  it("knows the app by GraphQL's bare bot login and by REST's [bot] spelling", () => {
    expect(isOwnEdit(by("autopilot", "Bot"), app)).toBe(true);
    expect(isOwnEdit(by("Autopilot[bot]", "Bot"), app)).toBe(true);
  });

  it("does not take a person named like the app, another bot or a deleted account for it", () => {
    expect(isOwnEdit(by("autopilot", "User"), app)).toBe(false);
    expect(isOwnEdit(by("renovate", "Bot"), app)).toBe(false);
    expect(isOwnEdit({ at: "2026-12-06T10:00:00Z", editor: null }, app)).toBe(false);
  });
});

describe("decidingEdit", () => {
  it("is the newest edit that is not the app's own", () => {
    const mallory = by("mallory", "User", "2026-12-06T10:00:01Z");
    expect(decidingEdit([by("autopilot", "Bot"), mallory, by("octocat", "User")], app)).toBe(mallory);
  });

  it("is the owner's edit made over an outsider's", () => {
    const owner = by("octocat", "User", "2026-12-06T10:00:02Z");
    expect(decidingEdit([owner, by("mallory", "User")], app)).toBe(owner);
  });

  it("is undefined when only the app edited, or nobody did", () => {
    expect(decidingEdit([by("autopilot", "Bot"), by("autopilot", "Bot")], app)).toBeUndefined();
    expect(decidingEdit([], app)).toBeUndefined();
  });

  it("is a deleted account's edit (no editor named): it has no authority to weigh", () => {
    const ghost = { at: "2026-12-06T10:00:00Z", editor: null };
    expect(decidingEdit([ghost], app)).toBe(ghost);
  });
});

describe("approvedSince", () => {
  it("is the question when no label event is known", () => {
    expect(approvedSince("2026-12-06T10:00:05.123Z", undefined)).toBe("2026-12-06T10:00:05.123Z");
  });

  it("is the label when it came before the question (an edit between the two counts)", () => {
    expect(approvedSince("2026-12-06T10:00:05.123Z", "2026-12-06T10:00:03Z")).toBe("2026-12-06T10:00:03Z");
  });

  it("is the question when the label was put on again after it (a relabel approves no edit before it)", () => {
    expect(approvedSince("2026-12-06T10:00:05.123Z", "2026-12-06T11:00:00Z")).toBe("2026-12-06T10:00:05.123Z");
  });
});
