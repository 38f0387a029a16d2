import { gitOutput } from "./run-git.js";
import type { ObjectType } from "./read-objects.js";
import { fullRefName, isValidRefName } from "./ref-name.js";

export interface RefInfo {
  /** the full name, `refs/heads/main`, as the `ref` field of GitHub's responses */
  ref: string;
  sha: string;
  /** what the ref points at: `commit`, or `tag` for an annotated tag */
  type: ObjectType;
}

/**
 * Refs whose full name starts with `refs/<prefix>`, sorted by name. Like GitHub's
 * `matching-refs`, the prefix is a plain string prefix: `heads/feat` matches `heads/feature-1`.
 */
export async function listRefs(gitDir: string, prefix = ""): Promise<RefInfo[]> {
  const wanted = fullRefName(prefix);
  // for-each-ref narrows by whole path components; the string prefix is applied after
  const directory = wanted.slice(0, wanted.lastIndexOf("/"));
  const format = "--format=%(objectname) %(objecttype) %(refname)";
  const out = await gitOutput(gitDir, ["for-each-ref", format, "--", directory]);
  return out
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [sha = "", type = "", ...name] = line.split(" ");
      return { ref: name.join(" "), sha, type: type as ObjectType };
    })
    .filter((info) => info.ref.startsWith(wanted));
}

/** The sha a ref (`heads/main` or `refs/heads/main`) points at; undefined if it does not exist. */
export async function getRef(gitDir: string, ref: string): Promise<string | undefined> {
  if (typeof ref !== "string") return undefined;
  const full = fullRefName(ref);
  if (!(await isValidRefName(full))) return undefined;
  const out = await gitOutput(gitDir, ["for-each-ref", "--format=%(objectname) %(refname)", "--", full]);
  // the pattern also matches refs below `full`; only the exact name counts
  const line = out
    .toString("utf8")
    .split("\n")
    .find((entry) => entry.slice(41) === full);
  return line?.slice(0, 40);
}
