import { describe, expect, it } from "vitest";
import { gitShowEach } from "../../src/cli/git-show-each.js";
import { commit, gitRepo } from "./cli-harness.js";

describe("gitShowEach", () => {
  it("reads each rev:path in one git process, undefined where no file is", () => {
    const root = gitRepo({ ".github/autopilot.yml": "paused: true\n", "empty.txt": "" });
    commit(root, { ".github/autopilot.yml": "paused: false\n\nbranch_prefix: x/\n" }, "edit");
    expect(
      gitShowEach(
        [
          "HEAD~1:.github/autopilot.yml",
          "HEAD:missing.yml",
          "HEAD:.github",
          "HEAD:empty.txt",
          "HEAD:.github/autopilot.yml",
        ],
        root,
      ),
    ).toEqual(["paused: true\n", undefined, undefined, "", "paused: false\n\nbranch_prefix: x/\n"]);
  });
});
