import { gitOutput } from "./run-git.js";

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export interface ObjectHeader {
  sha: string;
  type: ObjectType;
  size: number;
}

export interface GitObject extends ObjectHeader {
  content: Buffer;
}

/** A name git's batch mode can read: one line, so it cannot smuggle a second request in. */
const assertBatchName = (name: string): void => {
  if (name.length === 0 || /[\n\r\0]/.test(name)) throw new Error(`not a valid object name: ${JSON.stringify(name)}`);
};

/**
 * Looks up many object names (shas, `<sha>^{commit}`, `<commit>:<path>`, `refs/heads/x^{commit}`)
 * in one `git cat-file --batch-check`, in input order; undefined where git finds nothing.
 */
export async function statObjects(
  gitDir: string,
  names: readonly string[],
): Promise<(ObjectHeader | undefined)[]> {
  if (names.length === 0) return [];
  names.forEach(assertBatchName);
  const out = await gitOutput(gitDir, ["cat-file", "--batch-check"], { input: `${names.join("\n")}\n` });
  const lines = out.toString("utf8").split("\n");
  return names.map((_, index) => parseHeader(lines[index] ?? ""));
}

/** Reads many objects with one `git cat-file --batch`, in input order. */
export async function readObjects(gitDir: string, names: readonly string[]): Promise<(GitObject | undefined)[]> {
  if (names.length === 0) return [];
  names.forEach(assertBatchName);
  const out = await gitOutput(gitDir, ["cat-file", "--batch"], { input: `${names.join("\n")}\n` });
  const objects: (GitObject | undefined)[] = [];
  let offset = 0;
  for (let index = 0; index < names.length; index += 1) {
    const end = out.indexOf(0x0a, offset);
    if (end < 0) throw new Error("git cat-file --batch ended early");
    const header = parseHeader(out.subarray(offset, end).toString("utf8"));
    offset = end + 1;
    if (header === undefined) {
      objects.push(undefined);
      continue;
    }
    objects.push({ ...header, content: out.subarray(offset, offset + header.size) });
    // each object's content is followed by a newline
    offset += header.size + 1;
  }
  return objects;
}

export async function readObject(gitDir: string, name: string): Promise<GitObject | undefined> {
  const [object] = await readObjects(gitDir, [name]);
  return object;
}

const objectTypes: readonly string[] = ["blob", "tree", "commit", "tag"];

/** `<sha> <type> <size>`; anything else (`<name> missing`, `ambiguous`) means not found. */
function parseHeader(line: string): ObjectHeader | undefined {
  const match = /^([0-9a-f]{40}) (\w+) (\d+)$/.exec(line);
  if (match === null || !objectTypes.includes(match[2] ?? "")) return undefined;
  return { sha: match[1] ?? "", type: match[2] as ObjectType, size: Number(match[3]) };
}
