import { describe, expect, it } from "vitest";
import { commentReply, helpText, oneQuestionReply, refusalReply } from "../../../src/core/commands/index.js";

const tables = (text: string) => text.match(/\*\*Autopilot commands\*\*/g)?.length ?? 0;

describe("commentReply: the one reply to a comment of commands", () => {
  const none = { replies: [], unknown: [], help: false, dropped: 0 };

  it("is nothing when no command had anything to say", () => {
    expect(commentReply(none)).toBeUndefined();
  });

  it("gathers the commands' replies in order, says a repeated one once, and ends with one help table", () => {
    const body = commentReply({
      replies: ["**T-1** is blocked.", oneQuestionReply(), oneQuestionReply()],
      unknown: [{ name: "stauts", suggestion: "status" }, { name: "x2" }],
      help: true,
      dropped: 0,
    })!;
    expect(body.indexOf("**T-1** is blocked.")).toBeLessThan(body.indexOf("one question per comment"));
    expect(body.match(/one question per comment/g)).toHaveLength(1);
    expect(body).toContain("- `/stauts` is not a command. Did you mean `/status`?\n- `/x2` is not a command.");
    expect(tables(body)).toBe(1);
  });

  it("ten `/help` are one table, and a single unknown name reads as before", () => {
    expect(commentReply({ ...none, help: true })).toBe(helpText());
    expect(commentReply({ ...none, unknown: [{ name: "deploy" }] })).toBe(helpText({ unknown: "deploy" }));
  });

  it("says how many commands past the tenth were ignored, even when the others only reacted", () => {
    expect(commentReply({ ...none, dropped: 3 })).toContain("3 more were ignored");
  });
});

describe("refusalReply for several commands", () => {
  it("names each refused command once", () => {
    const text = refusalReply({ login: "mallory", permission: "none", commands: ["block", "status", "block"] });
    expect(text).toMatch(/^Sorry @mallory, only .* can use `\/block`, `\/status`; you have no access/);
  });
});
