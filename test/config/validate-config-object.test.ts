import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { defaultConfig, validateConfigObject } from "../../src/config/index.js";

describe("validateConfigObject", () => {
  it("gives the defaults for no config at all, as context.config() returns null without a file", () => {
    expect(validateConfigObject(null)).toEqual({ ok: true, config: defaultConfig() });
    expect(validateConfigObject(undefined)).toEqual({ ok: true, config: defaultConfig() });
    expect(validateConfigObject({})).toEqual({ ok: true, config: defaultConfig() });
  });

  it("validates an object parsed by js-yaml (Probot's parser) and locates issues when given the text", () => {
    const text = "paused: false\nmerge:\n  method: octopus\ndispatch:\n  target: mention\n  handle: copilot\n";
    const value = load(text);
    const withoutSource = validateConfigObject(value);
    expect(withoutSource).toEqual({
      ok: false,
      issues: [
        { path: "merge.method", message: expect.stringContaining("must be one of `merge`, `squash`, `rebase`") },
        { path: "dispatch.handle", message: expect.stringContaining("must start with `@`") },
      ],
    });
    const withSource = validateConfigObject(value, { sourceText: text });
    expect(withSource.ok).toBe(false);
    if (withSource.ok) return;
    expect(withSource.issues.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: "merge.method", line: 3, column: 11 },
      { path: "dispatch.handle", line: 6, column: 11 },
    ]);
  });

  it("explains a date that js-yaml made out of an unquoted value", () => {
    const result = validateConfigObject(
      load("dispatch:\n  target: workflow_dispatch\n  workflow: agent.yml\n  ref: 2025-01-31\n"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: "dispatch.ref", message: "must be text, got the date `2025-01-31` (quote it to keep it text)" },
    ]);
  });

  it("refuses a top level that is not a mapping", () => {
    expect(validateConfigObject(["paused"])).toEqual({
      ok: false,
      issues: [{ path: "", message: expect.stringMatching(/must be a mapping of settings .*got a list/) }],
    });
    expect(validateConfigObject("paused: true").ok).toBe(false);
  });

  it("does not modify the object it is given", () => {
    const value = { defaults: { budget: { files: 5 } } };
    const snapshot = structuredClone(value);
    const result = validateConfigObject(value);
    expect(result.ok).toBe(true);
    expect(value).toEqual(snapshot);
  });
});
