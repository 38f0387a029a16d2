import { z } from "zod";
import { normalizeRefId } from "./ref-id.js";

/** Where the app reads the blueprint indices and writes the crosswalk in a target repository. */
export const blueprintPaths = {
  ntIndex: "docs/blueprints/nt-index.json",
  tdIndex: "docs/blueprints/td-index.json",
  crosswalk: "docs/blueprints/crosswalk.json",
} as const;

export interface BlueprintEntry {
  id: string;
  title?: string;
  /** path of the index file that defines the id */
  source: string;
}

export interface BlueprintIndex {
  ids: Map<string, BlueprintEntry>;
}

export const idMessage = "must look like NT-0012, TD-0103 or WBS-003";

/** An id as written in an index: prefix case forgiven, stored canonical. */
export const blueprintIdSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "an item needs an id" : `${idMessage} (got ${JSON.stringify(issue.input)})`,
  })
  .transform((value, ctx) => {
    const id = normalizeRefId(value);
    if (id === undefined) {
      ctx.addIssue({ code: "custom", message: `${idMessage} (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return id;
  });

/** One item of a list: `{ "id": "NT-0001", "title": "…", …anything else }`. */
export const blueprintItemSchema = z.looseObject({
  id: blueprintIdSchema,
  title: z.string().optional(),
  /** some generators say `name`; used when `title` is absent */
  name: z.string().optional(),
});

/** The value of an id key in the keyed form: an item without (or with a matching) `id`, or a title. */
export const blueprintKeyedValueSchema = z.union([
  z.string(),
  z.null(),
  blueprintItemSchema.extend({ id: blueprintIdSchema.optional() }),
]);
