import { backoffDelay, sleepMs } from "./backoff.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isNotFound } from "./errors.js";
import type { KnownCommits } from "./known-commits.js";

/** Reads a file at the commit the attempt started from; undefined when it does not exist. */
export type ReadAtBase = (path: string) => Promise<string | undefined>;

/**
 * What to write, computed from the files as they are at the branch head: path → new UTF-8
 * content, `null` to delete; `null` (or no effective change) means there is nothing to do.
 * It may run several times (once per attempt), so it must derive everything from `read`.
 */
export type CommitUpdate = (read: ReadAtBase) => Promise<Record<string, string | null> | null>;

export interface CommitWithCasOptions extends RepoRef {
  branch: string;
  /** A function is called after each attempt's `update`, for a message that names what it found. */
  message: string | (() => string);
  update: CommitUpdate;
  /** Attempts in all, the first included (at least: see `maxWaitMs`). */
  maxAttempts?: number;
  /**
   * Goes on past `maxAttempts` while the waits between attempts add up to less than this (ms;
   * default 0). Every attempt lost this way is another writer's commit landing, so the branch is
   * moving, not stuck: a writer that needs a read and a write against another that writes in one
   * call (it wrote the branch last) can lose every race while that writer's burst lasts, and must
   * outwait it rather than drop its change.
   */
  maxWaitMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called once when `branch` does not exist (404): it creates the branch (a writer that lost
   * that race to another one must not throw), and the attempt reads the head again.
   */
  createBranch?: () => Promise<void>;
  /**
   * The app instance's knowledge of heads and files: the first attempt starts from the head the
   * instance last saw (no read of the branch), files it knows at that commit are not read again.
   */
  known?: KnownCommits;
  /**
   * Ask, in the commit's own request, for the open pull request from `branch` into this base
   * branch (GraphQL `ref { associatedPullRequests }` on the payload): `openPull` in the result.
   */
  openPullInto?: string;
  /**
   * A file to read in the commit's own request, as GraphQL's `object(expression:)` names it
   * (`main:ops/por.json`: on the default branch's head, as the commit lands): `readAlong` in the
   * result of the attempt that wrote, so the caller needs no read of its own.
   */
  readAlong?: string;
  /**
   * Sends the first attempt's commit inside another request of the caller's (its label mutations):
   * `carry` gets the mutation (`LeadMutations`' shape) and must send it, its answer reported by
   * `onAnswer`. A stale head then goes on as any attempt does (the next ones are sent on their own).
   */
  carry?: (mutation: CarriedMutation) => Promise<void>;
}

/** A field error GitHub answered for one alias. */
export interface AliasFailure {
  alias: string;
  type?: string;
  message: string;
}

/** A mutation for another request to carry: its declarations, fields and variables, and where its answer goes. */
export interface CarriedMutation {
  declarations: readonly string[];
  fields: readonly string[];
  variables: Readonly<Record<string, unknown>>;
  aliases: readonly string[];
  /** aliases whose refusal the carrier does not throw: the commit reads its own answer */
  tolerated: readonly string[];
  /** the carrying request's data (null where a field failed) and its field errors, once it is answered */
  onAnswer: (data: Record<string, unknown> | undefined, failed: readonly AliasFailure[]) => void;
}

/** A file read in the commit's request: its text, undefined when there is no such file. */
export interface ReadAlong {
  text: string | undefined;
}

export type CommitWithCasResult =
  | {
      sha: string;
      attempts: number;
      /** with `openPullInto`: the open pull request from the branch into it, null when there is none */
      openPull?: number | null;
      /** with `readAlong`: the file as the commit's request read it (absent when GitHub could not give its text) */
      readAlong?: ReadAlong;
    }
  | { sha: undefined; attempts: number };

/** Thrown when every attempt lost the race; carries how many were made. */
export class CasExhaustedError extends Error {
  constructor(
    readonly branch: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `autopilot: gave up committing to ${branch} after ${attempts} attempts; the branch kept moving (not a fast forward)`,
      options,
    );
    this.name = "CasExhaustedError";
  }
}

/** The branch's head commit, as one call gives it: its sha, first parent and message. */
interface HeadCommit {
  sha: string;
  parent: string | undefined;
  message: string;
}

/** One call for the branch's head commit. */
async function readHead(
  octokit: GithubClient,
  { owner, repo, branch }: RepoRef & { branch: string },
): Promise<HeadCommit> {
  const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch });
  return { sha: data.commit.sha, parent: data.commit.parents[0]?.sha, message: data.commit.commit.message };
}

/** The files one attempt writes: path and new text, null to delete. */
type Changes = [string, string | null][];

/** The `Claim:` trailer a claim commit carries, unique to its writer (`queue-commit.ts`). */
const claimOf = (message: string): string | undefined => /^Claim: (\S+)$/m.exec(message)?.[1];

/**
 * Whether `current` is this writer's own claim commit, sent on `base` by an attempt GitHub answered
 * as stale: Octokit's retry plugin sends a mutation answered 5xx again, and when the first one
 * landed, the second meets the head it made. Only a claim's trailer tells it from another writer's
 * commit with the same change.
 */
const ownLanded = (current: HeadCommit, sent: { base: string; claim: string } | undefined): boolean =>
  sent !== undefined && current.parent === sent.base && claimOf(current.message) === sent.claim;

/** Raw file contents at commit `sha`, one call per path not already known, remembered for the attempt. */
function readerAt(
  octokit: GithubClient,
  options: CommitWithCasOptions,
  sha: string,
  seen: Map<string, string | undefined>,
): ReadAtBase {
  const { owner, repo, known } = options;
  const pending = new Map<string, Promise<string | undefined>>();
  const fetchFile = (path: string): Promise<string | undefined> => {
    const kept = known?.file(`${owner}/${repo}`, sha, path);
    if (kept?.known) return Promise.resolve(kept.content);
    return octokit.rest.repos
      .getContent({ owner, repo, path, ref: sha, mediaType: { format: "raw" } })
      .then(({ data }) => (typeof data === "string" ? data : undefined))
      .catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      })
      .then((content) => {
        known?.setFile(`${owner}/${repo}`, sha, path, content);
        return content;
      });
  };
  return (path) => {
    let read = pending.get(path);
    if (read === undefined) {
      read = fetchFile(path).then((content) => {
        seen.set(path, content);
        return content;
      });
      pending.set(path, read);
    }
    return read;
  };
}

/**
 * Drops writes that change nothing: content equal to what `update` read, and deletions of files
 * that do not exist (GitHub refuses to delete a path the head lacks, so a deletion `update`
 * did not read first is checked with one read).
 */
async function effectiveChanges(
  changes: Record<string, string | null>,
  read: ReadAtBase,
  seen: Map<string, string | undefined>,
) {
  const entries = Object.entries(changes);
  await Promise.all(
    entries.filter(([path, content]) => content === null && !seen.has(path)).map(([path]) => read(path)),
  );
  return entries.filter(([path, content]) => {
    if (!seen.has(path)) return true;
    const before = seen.get(path);
    return content === null ? before !== undefined : content !== before;
  });
}

/** What a commit's payload holds (`createCommitOnBranch { commit ref }`), as this module asks for it. */
interface CommitPayload {
  commit?: { oid?: string } | null;
  ref?: {
    id?: string;
    associatedPullRequests?: { nodes: ({ number: number } | null)[] };
    repository?: { readAlong?: { text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null };
  } | null;
}

/** A commit written: its sha, its branch's ref id, and what `openPullInto` and `readAlong` asked for. */
interface Written {
  oid: string;
  refId?: string;
  openPull?: number | null;
  readAlong?: ReadAlong;
}

/**
 * The commit mutation's field, its variables' declarations and values, asking in the same request
 * for what `openPullInto` and `readAlong` want; variable names start with `prefix` (a carried
 * commit's must not meet its carrier's).
 */
function commitField(
  options: CommitWithCasOptions,
  input: ReturnType<typeof commitInput>,
  prefix: string,
): { declarations: string[]; field: string; variables: Record<string, unknown> } {
  const name = (base: string) => (prefix === "" ? base : `${prefix}${base[0]?.toUpperCase()}${base.slice(1)}`);
  const declarations = [`$${name("input")}: CreateCommitOnBranchInput!`];
  const variables: Record<string, unknown> = { [name("input")]: input };
  const ref = ["id"];
  if (options.openPullInto !== undefined) {
    declarations.push(`$${name("base")}: String!`);
    variables[name("base")] = options.openPullInto;
    ref.push(`associatedPullRequests(states: [OPEN], baseRefName: $${name("base")}, first: 1) { nodes { number } }`);
  }
  if (options.readAlong !== undefined) {
    declarations.push(`$${name("readAlong")}: String!`);
    variables[name("readAlong")] = options.readAlong;
    ref.push(
      `repository { readAlong: object(expression: $${name("readAlong")}) { ... on Blob { text isBinary isTruncated } } }`,
    );
  }
  const field = `createCommitOnBranch(input: $${name("input")}) { commit { oid } ref { ${ref.join(" ")} } }`;
  return { declarations, field, variables };
}

/** The file `readAlong` asked for, from the commit's payload: undefined when its text is not there to take. */
function readAlongOf(
  object: { text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null | undefined,
): ReadAlong | undefined {
  if (object === undefined) return undefined;
  if (object === null) return { text: undefined };
  if (typeof object.text !== "string" || object.isBinary === true || object.isTruncated === true) return undefined;
  return { text: object.text };
}

/** The commit a payload reports; undefined when it holds none. */
function writtenOf(options: CommitWithCasOptions, payload: CommitPayload | null | undefined): Written | undefined {
  const oid = payload?.commit?.oid;
  if (oid === undefined) return undefined;
  const ref = payload?.ref;
  const read = options.readAlong === undefined ? undefined : readAlongOf(ref?.repository?.readAlong);
  const open = ref?.associatedPullRequests?.nodes.find((node) => node !== null)?.number;
  return {
    oid,
    ...(ref?.id ? { refId: ref.id } : {}),
    ...(options.openPullInto === undefined ? {} : { openPull: open ?? null }),
    ...(read ? { readAlong: read } : {}),
  };
}

/** The `errors` of a GraphQL answer Octokit threw (its `GraphqlResponseError`), each with GitHub's `type`. */
const graphqlErrors = (error: unknown): { type?: string; message: string }[] => {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as { type?: string; message: string }[]) : [];
};

/** What GitHub answers when `expectedHeadOid` is not where the branch points: another writer got there first. */
const isStale = (error: unknown): boolean => graphqlErrors(error).some((entry) => entry.type === "STALE_DATA");

/** GitHub's answer when the branch does not exist. */
const isMissingBranch = (error: unknown): boolean =>
  graphqlErrors(error).some((entry) => entry.type === "NOT_FOUND" && /\bref\b/i.test(entry.message));

/** `createCommitOnBranch`'s input: the files on top of `head`, the message split as GitHub takes it. */
function commitInput(options: CommitWithCasOptions, head: string, changes: [string, string | null][]) {
  const message = typeof options.message === "string" ? options.message : options.message();
  const split = message.indexOf("\n");
  const headline = split < 0 ? message : message.slice(0, split);
  const body = split < 0 ? "" : message.slice(split + 1).replace(/^\n/, "");
  return {
    branch: { repositoryNameWithOwner: `${options.owner}/${options.repo}`, branchName: options.branch },
    expectedHeadOid: head,
    message: body === "" ? { headline } : { headline, body },
    fileChanges: {
      additions: changes
        .filter((change): change is [string, string] => change[1] !== null)
        .map(([path, content]) => ({ path, contents: Buffer.from(content, "utf8").toString("base64") })),
      deletions: changes.filter(([, content]) => content === null).map(([path]) => ({ path })),
    },
  };
}

const carriedAlias = "casCommit";

/**
 * The first attempt's commit sent by the caller's `carry` in a request of its own (the commit's
 * field first): the commit, undefined when GitHub refused it as stale (the loop goes on as after
 * any stale attempt), `unsent` when the carrier sent no request (the attempt is then written on its
 * own). Another refusal throws, as `writeCommit` would. When `carry` throws after the commit went
 * through, the commit is returned with that error, thrown once the commit is recorded.
 */
async function carryCommit(
  carry: (mutation: CarriedMutation) => Promise<void>,
  options: CommitWithCasOptions,
  head: string,
  changes: [string, string | null][],
): Promise<{ written: Written | undefined; error?: unknown } | "unsent"> {
  let answered: { data: Record<string, unknown> | undefined; failed: readonly AliasFailure[] } | undefined;
  let thrown: unknown;
  const { declarations, field, variables } = commitField(options, commitInput(options, head, changes), "cas");
  try {
    await carry({
      declarations,
      fields: [`${carriedAlias}: ${field}`],
      variables,
      aliases: [carriedAlias],
      tolerated: [carriedAlias],
      onAnswer: (data, failed) => {
        answered = { data, failed };
      },
    });
  } catch (error) {
    thrown = error;
  }
  const written = writtenOf(options, answered?.data?.[carriedAlias] as CommitPayload | null | undefined);
  if (written !== undefined) return { written, ...(thrown === undefined ? {} : { error: thrown }) };
  if (thrown !== undefined) throw thrown;
  if (answered === undefined) return "unsent";
  const failure = answered.failed.find((entry) => entry.alias === carriedAlias);
  if (failure?.type === "STALE_DATA") return { written: undefined };
  if (failure?.type === "NOT_FOUND" && /\bref\b/i.test(failure.message))
    throw Object.assign(new Error(failure.message), { errors: [failure] });
  throw new Error(
    `autopilot: GitHub refused the commit on ${options.branch}: ${failure?.message ?? "no answer for it"} (${failure?.type ?? "no type"})`,
  );
}

/**
 * One call: `createCommitOnBranch` writes the files on top of `head`, and only if the branch still
 * points there (GitHub's compare-and-swap). Returns the new commit, or undefined when the branch
 * had moved.
 */
async function writeCommit(
  octokit: GithubClient,
  options: CommitWithCasOptions,
  head: string,
  changes: [string, string | null][],
): Promise<Written | undefined> {
  const { declarations, field, variables } = commitField(options, commitInput(options, head, changes), "");
  try {
    const data = await octokit.graphql<{ createCommitOnBranch: CommitPayload }>(
      `mutation (${declarations.join(", ")}) {\n  ${field}\n}`,
      variables,
    );
    return writtenOf(options, data.createCommitOnBranch);
  } catch (error) {
    if (isStale(error)) return undefined;
    throw error;
  }
}

/**
 * Commits a read-modify-write change to `branch`, compare-and-swap style: take the head (the one
 * the instance last saw, else read it), let `update` compute the change from the files there, and
 * commit it with GraphQL's `createCommitOnBranch`, which GitHub applies only if the branch still
 * points at that head. When another writer moved the branch in between, GitHub refuses
 * (STALE_DATA); then it starts over from the new head after a jittered exponential backoff, so no
 * writer's update is lost. Other errors propagate. A change is one call when the instance wrote
 * the branch last and knows the files it reads.
 */
export async function commitWithCas(
  octokit: GithubClient,
  options: CommitWithCasOptions,
): Promise<CommitWithCasResult> {
  const { maxAttempts = 6, maxWaitMs = 0, random = Math.random, sleep = sleepMs, known } = options;
  /** the waits between lost attempts so far (what was asked of `sleep`, not a clock) */
  let waited = 0;
  const repository = `${options.owner}/${options.repo}`;
  let created = false;
  /** the first write attempt went out with `carry` (the next ones go on their own) */
  let carried = false;
  const headCommit = async (): Promise<HeadCommit> => {
    try {
      return await readHead(octokit, options);
    } catch (error) {
      if (!isNotFound(error) || options.createBranch === undefined || created) throw error;
      created = true;
      await options.createBranch();
      return readHead(octokit, options);
    }
  };
  const headOf = async (): Promise<string> => (await headCommit()).sha;
  /** the last attempt GitHub answered as stale, when it carried a claim: it may have landed all the same */
  let staleClaim:
    | { base: string; claim: string; seen: Map<string, string | undefined>; effective: Changes }
    | undefined;
  let guessed = known?.head(repository, options.branch);
  for (let attempt = 1; ; attempt += 1) {
    const fromGuess = guessed !== undefined;
    const current = guessed === undefined ? await headCommit() : undefined;
    if (current !== undefined && staleClaim !== undefined && ownLanded(current, staleClaim)) {
      known?.committed(
        repository,
        current.sha,
        staleClaim.seen,
        staleClaim.effective,
        staleClaim.base,
        current.message,
      );
      known?.setHead(repository, options.branch, current.sha);
      return { sha: current.sha, attempts: attempt - 1 };
    }
    staleClaim = undefined;
    const head = guessed ?? (current as HeadCommit).sha;
    guessed = undefined;
    const seen = new Map<string, string | undefined>();
    const read = readerAt(octokit, options, head, seen);
    const changes = await options.update(read);
    const effective = changes === null ? [] : await effectiveChanges(changes, read, seen);
    if (effective.length === 0) {
      if (!fromGuess) return { sha: undefined, attempts: attempt };
      // nothing to do at the head the instance expected: make sure that head is the branch's
      const actual = await headOf();
      if (actual === head) return { sha: undefined, attempts: attempt };
      known?.setHead(repository, options.branch, actual);
      guessed = actual;
      attempt -= 1;
      continue;
    }
    let written: Written | undefined;
    let carrierError: unknown;
    try {
      if (options.carry !== undefined && !carried) {
        carried = true;
        const sent = await carryCommit(options.carry, options, head, effective);
        if (sent === "unsent") written = await writeCommit(octokit, options, head, effective);
        else {
          written = sent.written;
          carrierError = sent.error;
        }
      } else written = await writeCommit(octokit, options, head, effective);
    } catch (error) {
      if (!fromGuess || !isMissingBranch(error)) throw error;
      known?.forgetHead(repository, options.branch);
      attempt -= 1;
      continue;
    }
    const sha = written?.oid;
    if (written !== undefined && sha !== undefined) {
      const message = typeof options.message === "string" ? options.message : options.message();
      known?.committed(repository, sha, seen, effective, head, message);
      known?.setHead(repository, options.branch, sha);
      if (written.refId !== undefined) known?.setRefId(repository, options.branch, written.refId);
      if (carrierError !== undefined) throw carrierError;
      return {
        sha,
        attempts: attempt,
        ...(written.openPull === undefined ? {} : { openPull: written.openPull }),
        ...(written.readAlong === undefined ? {} : { readAlong: written.readAlong }),
      };
    }
    known?.forgetHead(repository, options.branch);
    const claim = claimOf(typeof options.message === "string" ? options.message : options.message());
    if (claim !== undefined) staleClaim = { base: head, claim, seen, effective };
    // a stale guess is not contention: read the head and try again at once
    if (fromGuess) {
      attempt -= 1;
      continue;
    }
    if (attempt >= maxAttempts && waited >= maxWaitMs) throw new CasExhaustedError(options.branch, attempt);
    // past the attempts, waits of up to 5 s: outwaiting a burst, not racing it
    const wait = backoffDelay(attempt, { random, ...(attempt >= maxAttempts ? { capMs: 5_000 } : {}) });
    waited += wait;
    await sleep(wait);
  }
}
