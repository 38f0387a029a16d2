import { z } from "zod";
import { globListSchema, repoPathSchema, withSectionDefault } from "./common-schemas.js";

const indexPathsObjectSchema = z
  .object({
    nt: repoPathSchema
      .default("docs/blueprints/nt-index.json")
      .describe("Index of the `NT-` ids that commit trailers may reference."),
    td: repoPathSchema
      .default("docs/blueprints/td-index.json")
      .describe("Index of the `TD-` ids that commit trailers may reference."),
    crosswalk: repoPathSchema
      .default("docs/blueprints/crosswalk.json")
      .describe("Crosswalk from ids to the tasks and commits that implemented them; updated on merge."),
  })
  .strict();

const concordanceObjectSchema = z
  .object({
    index_paths: withSectionDefault(indexPathsObjectSchema).describe(
      "Where the blueprint indices live in the repository.",
    ),
    require_trailers: z
      .boolean()
      .default(false)
      .describe(
        "Fail `autopilot/concordance` when a commit has no `Refs:` or `WBS:` trailer (and, on task PRs, no `Task:`), when changed paths are not traced to any id, or when a declared ref is left uncovered. When false those are warnings; unknown ids, a `Task:` naming another task, an unreadable index (when ids are used) and a change that could not be read entirely still fail.",
      ),
    exempt_paths: globListSchema(
      "Globs of files a commit may change without any trailer (documentation, lockfiles, Autopilot's own bookkeeping).",
      [
        "docs/**",
        "**/*.md",
        "**/package-lock.json",
        "**/pnpm-lock.yaml",
        "**/yarn.lock",
        "**/Cargo.lock",
        "**/go.sum",
        "**/poetry.lock",
        "ops/**",
      ],
    ),
  })
  .strict();

export const concordanceSchema = withSectionDefault(concordanceObjectSchema).describe(
  "The `autopilot/concordance` gate: commit trailers must reference blueprint ids that exist.",
);
