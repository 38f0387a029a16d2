import { describe, expect, it } from "vitest";
import { commitRefs, isMergeCommitMessage } from "../../../src/core/concordance/index.js";

describe("commitRefs", () => {
  it("reads Task, Refs and WBS trailers", () => {
    expect(commitRefs("Add widgets\n\nTask: T-12\nRefs: NT-0001, TD-0042\nWBS: WBS-003\n")).toEqual({
      task: "T-12",
      tasks: ["T-12"],
      refs: ["NT-0001", "TD-0042"],
      wbs: ["WBS-003"],
      invalid: [],
    });
  });

  it("splits ids on commas and/or whitespace and merges several Refs lines without duplicates", () => {
    const refs = commitRefs("s\n\nRefs: NT-0001 TD-0042,NT-0002\nrefs: NT-0001,  TD-0043\n");
    expect(refs.refs).toEqual(["NT-0001", "TD-0042", "NT-0002", "TD-0043"]);
  });

  it("forgives the case of keys and id prefixes", () => {
    const refs = commitRefs("s\n\ntask: t-12\nREFS: nt-0001\nwbs: wbs-003\n");
    expect(refs).toMatchObject({ task: "T-12", refs: ["NT-0001"], wbs: ["WBS-003"] });
  });

  it("keeps a WBS id written under Refs where it was written", () => {
    expect(commitRefs("s\n\nRefs: WBS-003\n")).toMatchObject({ refs: ["WBS-003"], wbs: [] });
  });

  it("collects tokens that are not ids instead of dropping them silently", () => {
    expect(commitRefs("s\n\nRefs: #12, NT-0001, NT0002\n")).toMatchObject({
      refs: ["NT-0001"],
      invalid: ["#12", "NT0002"],
    });
  });

  it("keeps every Task value so a conflicting second one can be reported", () => {
    expect(commitRefs("s\n\nTask: T-12\nTask: T-13\n")).toMatchObject({ task: "T-12", tasks: ["T-12", "T-13"] });
  });

  it("keeps a Task value that is not a task id as written", () => {
    expect(commitRefs("s\n\nTask: widgets\n").task).toBe("widgets");
  });

  it("reads nothing from trailers that git would not see", () => {
    expect(commitRefs("s\n\nRefs: NT-0001\n\nSome closing prose.\n")).toEqual({
      tasks: [],
      refs: [],
      wbs: [],
      invalid: [],
    });
    expect(commitRefs("Refs: NT-0001")).toEqual({ tasks: [], refs: [], wbs: [], invalid: [] });
  });

  it("ignores an empty Task trailer", () => {
    expect(commitRefs("s\n\nTask:\nRefs: NT-1\n").task).toBeUndefined();
  });
});

describe("isMergeCommitMessage", () => {
  it.each([
    "Merge branch 'main' into autopilot/T-12-widgets",
    "Merge pull request #7 from acme/feature",
    "Merge remote-tracking branch 'origin/main'",
    "Merge tag 'v1.2.0'",
  ])("recognizes %s", (subject) => {
    expect(isMergeCommitMessage(`${subject}\n\nbody`)).toBe(true);
  });

  it.each(["Merged the widget lists", "Add merge sort", "merge branch 'main'"])(
    "does not take %s for a merge",
    (subject) => {
      expect(isMergeCommitMessage(subject)).toBe(false);
    },
  );
});
