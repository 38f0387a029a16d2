import { describe, expect, it } from "vitest";
import { judgePushAccess } from "../../../src/core/doctor/index.js";

const restrictions = {
  users: [{ login: "octo-lead" }],
  teams: [{ slug: "maintainers" }],
  apps: [{ id: 77, slug: "release-bot" }],
};

describe("judgePushAccess: may Autopilot merge into a branch that restricts who can push", () => {
  it("has no row when the branch restricts nobody", () => {
    expect(judgePushAccess("main", null, "12")).toBeUndefined();
    expect(judgePushAccess("main", undefined, undefined)).toBeUndefined();
  });

  it("fails when the list leaves the app out, naming who is listed and the setting to change", () => {
    const row = judgePushAccess("main", restrictions, "12");
    expect(row?.result).toBe("fail");
    expect(row?.check).toBe("who may merge into main");
    expect(row?.advice).toContain("users octo-lead; teams maintainers; apps release-bot");
    expect(row?.advice).toContain("app 12 is not listed");
    expect(row?.advice).toContain('"Restrict who can push to matching branches"');
  });

  it("fails when the list is empty: nobody may push, apps included", () => {
    const row = judgePushAccess("main", { users: [], teams: [], apps: [] }, "12");
    expect(row?.result).toBe("fail");
    expect(row?.advice).toContain("(nobody)");
  });

  it("passes when the app is listed, by id (a slug alike in name is someone else)", () => {
    expect(judgePushAccess("main", { ...restrictions, apps: [{ id: 12, slug: "autopilot" }] }, "12")?.result).toBe(
      "ok",
    );
    expect(judgePushAccess("main", { ...restrictions, apps: [{ id: 13, slug: "autopilot" }] }, "12")?.result).toBe(
      "fail",
    );
  });

  it("warns without --app-id: doctor cannot tell which app is Autopilot", () => {
    const row = judgePushAccess("main", restrictions, undefined);
    expect(row?.result).toBe("warn");
    expect(row?.advice).toContain("Pass --app-id to check");
  });
});
