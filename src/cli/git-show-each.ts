import { execFileSync } from "node:child_process";
import { GitError } from "./git-error.js";

/**
 * The contents of each `rev:path` (undefined where the file does not exist there), read by one
 * `git cat-file --batch` instead of a `git show` each: a process less on a hook's start.
 */
export function gitShowEach(revPaths: readonly string[], cwd: string): (string | undefined)[] {
  let out: Buffer;
  try {
    out = execFileSync("git", ["cat-file", "--batch"], {
      cwd,
      input: revPaths.map((revPath) => `${revPath}\n`).join(""),
      maxBuffer: 1 << 30,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new GitError(`git cat-file --batch failed: ${stderr || (error as Error).message}`);
  }
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (const _ of revPaths) {
    const end = out.indexOf(10, at);
    const header = out.toString("utf8", at, end);
    // "<oid> <type> <size>" then the body and a newline, or "<object> missing" alone
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!found) {
      if (!/ (missing|ambiguous)$/.test(header)) throw new GitError(`git cat-file --batch answered "${header}"`);
      texts.push(undefined);
      at = end + 1;
      continue;
    }
    const size = Number(found[2]);
    // a tree there (a directory of that name) is not a file either
    texts.push(found[1] === "blob" ? out.toString("utf8", end + 1, end + 1 + size) : undefined);
    at = end + 1 + size + 1;
  }
  return texts;
}
