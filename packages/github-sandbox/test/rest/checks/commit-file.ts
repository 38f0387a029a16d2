import { commitOnto, requestFailure, type RestFixture } from "../rest-fixture.js";

/** A person GitHub's `simple-commit` accepts (its `email` format wants a domain with a dot). */
export const author = { name: "Dev", email: "dev@example.com" };

/** A commit adding `path` on top of `parent` (the fixture's git store directly, no refs moved). */
export function commitFile(fixture: RestFixture, parent: string, path: string, content = `${path}\n`): Promise<string> {
  return commitOnto(fixture, parent, { [path]: content }, { message: `Add ${path}`, author });
}

/** A failed Octokit request's status and GitHub message. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const { status, message } = await requestFailure(promise);
  return { status, message };
}
