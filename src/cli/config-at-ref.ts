import { git, gitShow, repoRoot } from "./git.js";
import { UsageError } from "./usage-error.js";

/**
 * The text of `file` at the git revision `ref` of the repository `cwd` is in; undefined when the
 * revision has no such file (the defaults then apply, as the app applies them). A ref that is not
 * a commit is the user's mistake.
 */
export function configAtRef(cwd: string, ref: string, file: string): string | undefined {
  const root = repoRoot(cwd);
  if (!root) throw new UsageError("--config-ref needs a git repository");
  // a leading dash would reach git as an option (`git show --output=…`), not a revision
  if (ref.startsWith("-")) throw new UsageError(`--config-ref ${ref} is not a commit in this repository`);
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
  } catch {
    throw new UsageError(`--config-ref ${ref} is not a commit in this repository`);
  }
  return gitShow(ref, file, root);
}
