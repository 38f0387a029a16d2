import { gitOutput } from "./run-git.js";
import { splitPatch } from "./split-patch.js";
import type { PatchSection } from "./split-patch.js";

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed";

/** One entry of `files` in GitHub's compare and list-PR-files responses. */
export interface ComparedFile {
  filename: string;
  status: FileStatus;
  /** for renames and copies: the path before */
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  /** hunks only, from the first `@@`; absent for binary files and changes without hunks */
  patch?: string;
  /** the blob on the new side; on the old side for a removed file */
  sha: string;
  binary?: boolean;
}

interface RawChange {
  letter: string;
  oldMode: string;
  newMode: string;
  oldSha: string;
  newSha: string;
  path: string;
  oldPath?: string;
}

/**
 * The files changed from one commit to another, with rename detection (`-M`, git's default 50%
 * similarity) and GitHub's per-file patch. Two git processes whatever the number of files: the raw
 * listing (modes, shas, statuses, paths with -z) and one patch for all files, split per file.
 */
export async function diffFiles(gitDir: string, from: string, to: string): Promise<ComparedFile[]> {
  const common = ["diff-tree", "-r", "-M", "--no-ext-diff", "--no-textconv"];
  const [raw, patch] = await Promise.all([
    gitOutput(gitDir, [...common, "-z", "--no-abbrev", from, to]),
    gitOutput(gitDir, [...common, "-p", "--no-color", "-U3", from, to]),
  ]);
  const changes = parseRawDiff(raw);
  const sections = splitPatch(patch.toString("utf8"));
  // git prints a change of type (file ⇄ symlink) as a deletion and a creation: two sections
  const expected = changes.reduce((count, change) => count + (change.letter === "T" ? 2 : 1), 0);
  if (sections.length !== expected) {
    throw new Error(`git diff-tree ${from} ${to}: ${changes.length} changes but ${sections.length} patch sections`);
  }
  let next = 0;
  return changes.map((change) => {
    const own = sections.slice(next, next + (change.letter === "T" ? 2 : 1));
    next += own.length;
    return toComparedFile(change, own);
  });
}

function parseRawDiff(out: Buffer): RawChange[] {
  const fields = out.toString("utf8").split("\0");
  const changes: RawChange[] = [];
  for (let index = 0; index < fields.length; index += 1) {
    const meta = fields[index] ?? "";
    if (!meta.startsWith(":")) continue;
    const [oldMode = "", newMode = "", oldSha = "", newSha = "", status = ""] = meta.slice(1).split(" ");
    const letter = status.charAt(0);
    const change: RawChange = { letter, oldMode, newMode, oldSha, newSha, path: "" };
    if (letter === "R" || letter === "C") {
      change.oldPath = fields[index + 1] ?? "";
      change.path = fields[index + 2] ?? "";
      index += 2;
    } else {
      change.path = fields[index + 1] ?? "";
      index += 1;
    }
    changes.push(change);
  }
  return changes;
}

function fileStatus(change: RawChange): FileStatus {
  switch (change.letter) {
    case "A":
      return "added";
    case "D":
      return "removed";
    case "R":
      return "renamed";
    case "C":
      return "copied";
    case "M":
      // same content, other mode (a file made executable): GitHub calls that "changed"
      return change.oldSha === change.newSha ? "changed" : "modified";
    default:
      return "changed";
  }
}

function toComparedFile(change: RawChange, sections: readonly PatchSection[]): ComparedFile {
  const additions = sections.reduce((sum, section) => sum + section.additions, 0);
  const deletions = sections.reduce((sum, section) => sum + section.deletions, 0);
  const status = fileStatus(change);
  const file: ComparedFile = {
    filename: change.path,
    status,
    additions,
    deletions,
    changes: additions + deletions,
    sha: status === "removed" ? change.oldSha : change.newSha,
  };
  if (change.oldPath !== undefined) file.previous_filename = change.oldPath;
  const hunks = sections.map((section) => section.hunks).filter((text) => text !== "");
  if (sections.some((section) => section.binary)) file.binary = true;
  else if (hunks.length > 0) file.patch = hunks.join("\n");
  return file;
}
