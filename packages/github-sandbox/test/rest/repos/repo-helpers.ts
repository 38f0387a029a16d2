import { commitOnto, type RestFixture } from "../rest-fixture.js";

/** Commits `files` on top of `parent` through the git store (no API, no ref moved), as Mona on a fixed date. */
export function commitFiles(
  fixture: RestFixture,
  parent: string,
  files: Record<string, string | null>,
  message = "Change files",
): Promise<string> {
  return commitOnto(fixture, parent, files, {
    message,
    author: { name: "Mona", email: "mona@example.com", date: "2026-01-02T03:04:05Z" },
  });
}

/** Points `branch` at `sha` through the store (creating it if needed), without any event. */
export async function setBranch(fixture: RestFixture, branch: string, sha: string): Promise<void> {
  const ref = `refs/heads/${branch}`;
  if ((await fixture.repo.git.getRef(ref)) === undefined) await fixture.repo.git.createRef(ref, sha);
  else await fixture.repo.git.updateRef(ref, sha, { force: true });
}

/** Back to the fixture's start between tests: only `main`, at the initial commit (no events). */
export async function resetBranches(fixture: RestFixture): Promise<void> {
  for (const info of await fixture.repo.git.listRefs("heads/")) {
    if (info.ref !== "refs/heads/main") await fixture.repo.git.deleteRef(info.ref);
  }
  await setBranch(fixture, "main", fixture.initialSha);
}
