import { GitStoreError } from "./git-store-error.js";

/** Who wrote or committed, as GitHub's Git Data API takes it; `date` is ISO 8601, now if absent. */
export interface Person {
  name: string;
  email: string;
  date?: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** dates in UTC, `2024-05-01T12:00:00Z`, as GitHub prints them */
  author: Required<Person>;
  committer: Required<Person>;
}

/**
 * A commit object split into its parts, the message kept as bytes, so a replayed commit keeps what
 * it had. Header lines are read as UTF-8, which is what every commit the store writes uses.
 */
export interface RawCommit {
  tree: string;
  parents: string[];
  /** the ident after `author `: `Name <email> 1714564800 +0200` */
  author: string;
  committer: string;
  /** any other header lines (`encoding`, `gpgsig` with its continuation lines), verbatim */
  extraHeaders: string[];
  message: Buffer;
}

export function parseRawCommit(content: Buffer): RawCommit {
  const split = content.indexOf("\n\n");
  const headerText = content.subarray(0, split < 0 ? content.length : split).toString("utf8");
  const message = split < 0 ? Buffer.alloc(0) : content.subarray(split + 2);
  const headers: string[] = [];
  for (const line of headerText.split("\n")) {
    // a line starting with a space continues the previous header (a signature's body)
    if (line.startsWith(" ") && headers.length > 0) headers[headers.length - 1] += `\n${line}`;
    else headers.push(line);
  }
  const commit: RawCommit = { tree: "", parents: [], author: "", committer: "", extraHeaders: [], message };
  for (const header of headers) {
    const space = header.indexOf(" ");
    const key = header.slice(0, space);
    const value = header.slice(space + 1);
    if (key === "tree") commit.tree = value;
    else if (key === "parent") commit.parents.push(value);
    else if (key === "author") commit.author = value;
    else if (key === "committer") commit.committer = value;
    else commit.extraHeaders.push(header);
  }
  return commit;
}

export function serializeCommit(commit: RawCommit): Buffer {
  const lines = [
    `tree ${commit.tree}`,
    ...commit.parents.map((parent) => `parent ${parent}`),
    `author ${commit.author}`,
    `committer ${commit.committer}`,
    ...commit.extraHeaders,
  ];
  return Buffer.concat([Buffer.from(`${lines.join("\n")}\n\n`, "utf8"), commit.message]);
}

export function toCommitInfo(sha: string, commit: RawCommit): CommitInfo {
  return {
    sha,
    tree: commit.tree,
    parents: commit.parents,
    message: commit.message.toString("utf8"),
    author: parseIdent(commit.author),
    committer: parseIdent(commit.committer),
  };
}

/**
 * Formats a person as git stores it. Angle brackets and line breaks would let a name forge the
 * email or add a header line, so they are refused as GitHub refuses an invalid body.
 */
export function formatIdent(person: Person, field: string, now: Date = new Date()): string {
  for (const [key, value] of [
    ["name", person.name],
    ["email", person.email],
  ] as const) {
    if (typeof value !== "string" || /[<>\n\r\0]/.test(value)) {
      const problem = `${field}.${key} must be a string without <, > or line breaks.`;
      throw new GitStoreError(422, `Invalid request.\n\n${problem}`);
    }
  }
  const { epoch, zone } =
    person.date === undefined
      ? { epoch: Math.floor(now.getTime() / 1000), zone: "+0000" }
      : parseDate(person.date, field);
  return `${person.name} <${person.email}> ${epoch} ${zone}`;
}

function parseDate(date: string, field: string): { epoch: number; zone: string } {
  const ms = typeof date === "string" ? Date.parse(date) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new GitStoreError(422, `Invalid request.\n\n${field}.date is not an ISO 8601 date: ${String(date)}`);
  }
  // keep the writer's offset, as git does, so the commit reads back with the same local time
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(date.slice(10));
  const zone = offset === null ? "+0000" : `${offset[1]}${offset[2]}${offset[3]}`;
  return { epoch: Math.floor(ms / 1000), zone };
}

export function parseIdent(ident: string): Required<Person> {
  const match = /^(.*) <([^<>]*)> (\d+)(?: [+-]\d{4})?$/s.exec(ident);
  if (match === null) return { name: ident, email: "", date: isoSeconds(0) };
  return { name: match[1] ?? "", email: match[2] ?? "", date: isoSeconds(Number(match[3])) };
}

const isoSeconds = (epoch: number): string => new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
