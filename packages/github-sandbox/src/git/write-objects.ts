import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitOutput } from "./run-git.js";
import type { ObjectType } from "./read-objects.js";

/**
 * Writes objects to the repository and returns their shas in input order. One object goes
 * through stdin; several are staged as files in a private temporary directory so one
 * `git hash-object --stdin-paths` writes them all, whatever their number.
 */
export async function writeObjects(gitDir: string, type: ObjectType, contents: readonly Buffer[]): Promise<string[]> {
  if (contents.length === 0) return [];
  if (contents.length === 1) {
    const out = await gitOutput(gitDir, ["hash-object", "-t", type, "-w", "--stdin"], { input: contents[0] });
    return parseShas(out, 1);
  }
  const dir = await mkdtemp(join(tmpdir(), "autopilot-git-objects-"));
  try {
    const paths = contents.map((_, index) => join(dir, String(index)));
    await Promise.all(contents.map((content, index) => writeFile(paths[index] ?? "", content)));
    const out = await gitOutput(gitDir, ["hash-object", "-t", type, "-w", "--no-filters", "--stdin-paths"], {
      input: `${paths.join("\n")}\n`,
    });
    return parseShas(out, contents.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeObject(gitDir: string, type: ObjectType, content: Buffer): Promise<string> {
  const [sha] = await writeObjects(gitDir, type, [content]);
  if (sha === undefined) throw new Error("git hash-object printed no sha");
  return sha;
}

function parseShas(out: Buffer, count: number): string[] {
  const shas = out.toString("utf8").trim().split("\n");
  if (shas.length !== count || !shas.every((sha) => /^[0-9a-f]{40}$/.test(sha))) {
    throw new Error(`git hash-object printed ${shas.length} lines for ${count} objects`);
  }
  return shas;
}

/** The sha git gives an object, computed here so a chain of commits can be built before writing it. */
export const objectSha = (type: ObjectType, content: Buffer): string =>
  createHash("sha1").update(`${type} ${content.length}\0`).update(content).digest("hex");
