import { z } from "zod";
import { globListSchema, withSectionDefault } from "./common-schemas.js";

/**
 * An allowlist regex must compile, and must not match the empty string: such a pattern finds a
 * match in every line, so it would silently allowlist every finding.
 */
export const allowlistRegexSchema = z
  .string()
  .min(1, "an allowlist regex may not be empty")
  .superRefine((source, ctx) => {
    let compiled: RegExp;
    try {
      compiled = new RegExp(source);
    } catch (error) {
      // The engine's own message names the exact problem ("Unterminated group", …).
      const reason = error instanceof SyntaxError ? error.message : String(error);
      ctx.addIssue({
        code: "custom",
        message: `is not a valid JavaScript regular expression (${reason}); write the pattern itself, without surrounding slashes or flags`,
      });
      return;
    }
    if (compiled.test("")) {
      ctx.addIssue({
        code: "custom",
        message:
          "matches the empty string, so it would allowlist every finding; make it match only the text you mean to allow",
      });
    }
  });

export const fingerprintPattern = /^sha256:[0-9a-f]{16}$/;
export const fingerprintSchema = z
  .string()
  .regex(
    fingerprintPattern,
    "must be `sha256:` followed by 16 lowercase hex digits, exactly as the `autopilot/secrets` check prints it",
  );

const allowlistObjectSchema = z
  .object({
    paths: globListSchema("Globs of files whose findings are ignored (test fixtures with fake keys, for example).", []),
    regexes: z
      .array(allowlistRegexSchema)
      .default(() => [])
      .describe(
        "JavaScript regular expressions (pattern only, no slashes or flags); a finding whose matched text matches one is ignored.",
      ),
    fingerprints: z
      .array(fingerprintSchema)
      .default(() => [])
      .describe(
        "Fingerprints of individual findings to ignore, as printed by the `autopilot/secrets` check (`sha256:` + 16 hex digits). The secret itself never goes in this file.",
      ),
  })
  .strict();

const secretsObjectSchema = z
  .object({
    allowlist: withSectionDefault(allowlistObjectSchema).describe(
      "Known false positives the secret scanner must not report.",
    ),
    scan_non_task_prs: z
      .boolean()
      .default(true)
      .describe("Run `autopilot/secrets` on pull requests that are not Autopilot tasks too."),
    scan_pushes: z
      .boolean()
      .default(true)
      .describe("Scan commits pushed straight to a branch, outside any pull request."),
  })
  .strict();

export const secretsSchema = withSectionDefault(secretsObjectSchema).describe(
  "The `autopilot/secrets` gate: no credential may appear in added lines.",
);
