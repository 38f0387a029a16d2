import type { Person } from "../../git/index.js";
import type { SandboxRequest } from "../../http/index.js";
import { commitEmailOf, type SandboxUser } from "../../state/index.js";
import type { RepoAccess } from "../rest-context.js";

export const readContents: RepoAccess = { permission: "contents", write: false };
export const writeContents: RepoAccess = { permission: "contents", write: true };
export const readMetadata: RepoAccess = { permission: "metadata", write: false };

/**
 * How GitHub writes an account into a commit it makes for the account: its name (or login) and
 * its `<id>+<login>@users.noreply.github.com` address, which links the commit back to it.
 */
export function personOf(user: SandboxUser, date: string): Required<Person> {
  return {
    name: user.name ?? user.login,
    email: commitEmailOf(user),
    date,
  };
}

/** A person from a request body, dated now when the body gives no date. */
export function datedPerson(person: { name: string; email: string; date?: string }, now: string): Required<Person> {
  return { name: person.name, email: person.email, date: person.date ?? now };
}

/** Whether the client asked for a raw media type: `application/vnd.github.raw`, `…v3.raw`, `…raw+json`. */
export function wantsRaw(request: SandboxRequest): boolean {
  const accept = request.headers.accept ?? "";
  return /application\/vnd\.github(\.v3)?\.raw(\+json)?\b/i.test(accept);
}

/** The headers GitHub answers a raw media type with. */
export const rawHeaders = {
  "content-type": "text/plain; charset=utf-8",
  "x-github-media-type": "github.v3; param=raw",
};

/** Whether the client named `per_page` or `page` itself (the validator fills in defaults otherwise). */
export function asksForPage(request: SandboxRequest): boolean {
  const search = new URL(request.url, "http://sandbox.invalid").searchParams;
  return search.has("per_page") || search.has("page");
}

export { linkHeader } from "../rest-context.js";

/** The page and page size a request asks for, `per_page` capped at `max`. */
export function pageOf(request: SandboxRequest, fallback: number, max: number): { page: number; perPage: number } {
  const explicit = new URL(request.url, "http://sandbox.invalid").searchParams.has("per_page");
  const perPage = Math.min(max, Math.max(1, explicit ? Number(request.query.per_page) : fallback));
  return { page: Math.max(1, Number(request.query.page ?? 1)), perPage };
}

/** `a/b/` → `a/b`: the contents API ignores slashes around a path. */
export const trimPath = (path: string): string => path.replace(/^\/+|\/+$/g, "");
