import { describe, expect, it } from "vitest";
import {
  blockedReply,
  commandNames,
  helpText,
  invalidCommandReply,
  pausedReply,
  resumedReply,
  statusReply,
  tooManyCommandsReply,
} from "../../../src/core/commands/index.js";
import { entryFor } from "../queue/queue-fixtures.js";

describe("helpText", () => {
  it("lists every command and who may use it", () => {
    const text = helpText();
    for (const name of commandNames) expect(text).toContain(`\`/${name}`);
    expect(text).toContain("users with write access");
    expect(text).toContain("owners listed in");
    expect(text.startsWith("**Autopilot commands**")).toBe(true);
  });

  it("starts with the unknown command and the suggestion when given", () => {
    expect(helpText({ unknown: "stauts", suggestion: "status" }).split("\n")[0]).toBe(
      "`/stauts` is not a command. Did you mean `/status`?",
    );
    expect(helpText({ unknown: "deploy" }).split("\n")[0]).toBe("`/deploy` is not a command.");
  });

  it("quotes an unknown name that holds backticks without breaking out of the code span", () => {
    const first = helpText({ unknown: "x`@mona" }).split("\n")[0];
    expect(first).toBe("``/x`@mona`` is not a command.");
  });
});

describe("statusReply", () => {
  it("says where a task stands, since when, its PR, the last three moves and the checks", () => {
    const entry = entryFor(12, ["queued", "in_progress", "review", "in_progress", "review"]);
    const text = statusReply(
      entry,
      [
        { name: "autopilot/scope", conclusion: "success", title: "3 files inside the scope" },
        { name: "autopilot/review", conclusion: null },
        { name: "ci/test", conclusion: "failure", url: "https://github.example/acme/widgets/runs/9" },
      ],
      { pr: "https://github.example/acme/widgets/pull/112" },
    );
    expect(text).toContain(
      "**T-12** is `review` since 2025-05-01 10:04 UTC — risk `low`, mode `full`, [#112](https://github.example/acme/widgets/pull/112), branch `autopilot/T-12-task`.",
    );
    const moves = text.split("\n").filter((line) => line.startsWith("- 2025"));
    expect(moves).toEqual([
      "- 2025-05-01 10:04 UTC: `in_progress` → `review` by autopilot\\[bot\\] — moved to review",
      "- 2025-05-01 10:03 UTC: `review` → `in_progress` by autopilot\\[bot\\] — moved to in\\_progress",
      "- 2025-05-01 10:02 UTC: `in_progress` → `review` by autopilot\\[bot\\] — moved to review",
    ]);
    expect(text).toContain("- autopilot/scope ✅ passed: 3 files inside the scope");
    expect(text).toContain("- autopilot/review ⏳ running");
    expect(text).toContain("- [ci/test](https://github.example/acme/widgets/runs/9) ❌ failed");
  });

  it("says a queued task has no PR and no checks, and mentions a repository pause", () => {
    const text = statusReply(entryFor(7), [], { paused: true });
    expect(text.split("\n\n")[0]).toContain("paused");
    expect(text).toContain(
      "**T-7** is `queued` since 2025-05-01 10:00 UTC — risk `low`, mode `full`, no pull request yet.",
    );
    expect(text).toContain("created as `queued` by mona — labeled autopilot");
    expect(text).toContain("No checks on the head commit yet.");
  });

  it("says when the thread is not a task", () => {
    expect(statusReply(undefined, [])).toContain("not an Autopilot task");
  });

  it("does not let a history reason mention anyone or inject markdown", () => {
    const entry = entryFor(3, ["queued", "blocked"]);
    const last = entry.history.at(-1);
    if (last) last.reason = "ping @mona <b>now</b>";
    const text = statusReply(entry, []);
    expect(text).not.toContain("@mona");
    expect(text).not.toContain("<b>");
  });
});

describe("short replies", () => {
  it("pause and resume say what changes, and say so when nothing did", () => {
    expect(pausedReply({ by: "mona", already: false })).toContain("nothing is dispatched and nothing is merged");
    expect(pausedReply({ by: "mona", already: true })).toContain("already paused");
    expect(resumedReply({ by: "mona", already: false })).toContain("running again");
    expect(resumedReply({ by: "mona", already: true })).toContain("not paused");
  });

  it("quote what users wrote safely and name what is missing", () => {
    expect(blockedReply("T-4", "mona", "wait for @hubot")).not.toContain("@hubot");
    expect(invalidCommandReply("block", "say why")).toBe(
      "`/block` needs more: say why. Nothing was done; `/help` lists the commands.",
    );
    expect(tooManyCommandsReply(1)).toContain("1 more was ignored");
  });
});
