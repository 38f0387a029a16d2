import { describe, expect, it } from "vitest";
import { maxSlugLength, taskBranchName, taskFilePath, taskSlug } from "../../../src/core/task/index.js";

describe("taskBranchName", () => {
  it("builds autopilot/T-<n>-<slug>", () => {
    expect(taskBranchName("autopilot/", 12, "Add paginated widgets")).toBe("autopilot/T-12-add-paginated-widgets");
  });

  it.each([
    ["bots/autopilot/", "bots/autopilot/T-7-fix"],
    ["autopilot-", "autopilot-T-7-fix"],
    ["", "T-7-fix"],
  ])("puts the configured prefix %j in front verbatim", (prefix, branch) => {
    expect(taskBranchName(prefix, 7, "Fix")).toBe(branch);
  });

  it.each([0, -3, 1.5, Number.NaN])("refuses the issue number %s", (issue) => {
    expect(() => taskBranchName("autopilot/", issue, "x")).toThrow(/positive integer/);
  });
});

describe("taskSlug", () => {
  it.each([
    ["Add paginated widgets", "add-paginated-widgets"],
    ["  Fix: GET /widgets returns 500!!  ", "fix-get-widgets-returns-500"],
    ["Café crème für Straße & Łódź", "cafe-creme-fur-strasse-lodz"],
    ["🚀 Launch the rocket 🚀", "launch-the-rocket"],
    ["Ship v2.0 (beta) -- now", "ship-v2-0-beta-now"],
    ["snake_case and CamelCase", "snake-case-and-camelcase"],
    ["ﬁx ligatures", "fix-ligatures"],
    ["Zero\u200Bwidth", "zero-width"],
  ])("%j → %j", (title, slug) => {
    expect(taskSlug(title)).toBe(slug);
  });

  it.each(["", "   ", "🚀🔥💯", "!!!???", "日本語のタイトル", "---", "\u200B"])("is never empty: %j", (title) => {
    expect(taskSlug(title)).toBe("task");
  });

  it("cuts long titles at a word boundary within 40 characters", () => {
    const slug = taskSlug("Refactor the widget pagination layer to use opaque cursors everywhere");
    expect(slug).toBe("refactor-the-widget-pagination-layer-to");
    expect(slug.length).toBeLessThanOrEqual(maxSlugLength);
  });

  it("cuts a single very long word hard at 40 characters", () => {
    expect(taskSlug("a".repeat(100))).toBe("a".repeat(40));
    expect(taskSlug(`x ${"b".repeat(60)}`)).toBe(`x-${"b".repeat(38)}`);
  });

  it("only ever yields lower-case ASCII letters, digits and single inner dashes", () => {
    const samples = ["Ünïcödé ☃ snow", "a--b__c..d", "-leading and trailing-", "x".repeat(39) + " yz", "Ω≈ç√∫ 123"];
    for (const title of samples) {
      const slug = taskSlug(title);
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(slug.length).toBeLessThanOrEqual(40);
    }
  });
});

describe("taskFilePath", () => {
  it.each([
    ["ops/tasks", "ops/tasks/T-12.md"],
    ["ops/tasks/", "ops/tasks/T-12.md"],
    ["", "T-12.md"],
    [".", "T-12.md"],
  ])("joins %j and the id", (dir, path) => {
    expect(taskFilePath(dir, "T-12")).toBe(path);
  });

  it.each(["../T-1", "T-0", "t-12", "T-12/../../x", ""])(
    "refuses the id %j, so it cannot escape the directory",
    (id) => {
      expect(() => taskFilePath("ops/tasks", id)).toThrow(/T-42/);
    },
  );
});
