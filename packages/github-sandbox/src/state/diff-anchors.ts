/**
 * Where a review comment may sit in a file's patch (GitHub's `patch` of a pull request's file,
 * from its first `@@`), and what GitHub refuses otherwise. Pure: no git, no state.
 */

export type DiffSide = "LEFT" | "RIGHT";

/** One line of a patch: its `position` is its index below the first `@@` (which is 0). */
export interface PatchLine {
  position: number;
  /** `@` a hunk header, `+` added, `-` deleted, ` ` context, `\` git's "No newline at end of file" */
  kind: "@" | "+" | "-" | " " | "\\";
  /** the hunk's index in the patch (0 for the first) */
  hunk: number;
  /** line number in the old file (deleted and context lines) */
  oldLine?: number;
  /** line number in the new file (added and context lines) */
  newLine?: number;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The lines of a patch with their positions and old/new line numbers. */
export function parsePatch(patch: string): PatchLine[] {
  const lines: PatchLine[] = [];
  let hunk = -1;
  let oldLine = 0;
  let newLine = 0;
  patch.split("\n").forEach((text, position) => {
    const header = hunkHeader.exec(text);
    if (header) {
      hunk += 1;
      oldLine = Number(header[1]);
      newLine = Number(header[3]);
      lines.push({ position, kind: "@", hunk });
      return;
    }
    const kind = text.charAt(0);
    if (kind === "+") lines.push({ position, kind, hunk, newLine: newLine++ });
    else if (kind === "-") lines.push({ position, kind, hunk, oldLine: oldLine++ });
    else if (kind === "\\") lines.push({ position, kind, hunk });
    else lines.push({ position, kind: " ", hunk, oldLine: oldLine++, newLine: newLine++ });
  });
  return lines;
}

/** The line numbered `line` on `side`: RIGHT is an added or context line, LEFT a deleted or context line. */
export function findLine(lines: readonly PatchLine[], side: DiffSide, line: number): PatchLine | undefined {
  return lines.find((entry) =>
    side === "RIGHT" ? entry.kind !== "-" && entry.newLine === line : entry.kind !== "+" && entry.oldLine === line,
  );
}

/** GitHub's `diff_hunk` of a comment: its hunk from the `@@` header down to the commented line. */
export function diffHunkOf(patch: string, lines: readonly PatchLine[], target: PatchLine): string {
  const header = lines.find((entry) => entry.kind === "@" && entry.hunk === target.hunk);
  return patch
    .split("\n")
    .slice(header?.position ?? 0, target.position + 1)
    .join("\n");
}

/** Rails' `to_sentence`, which GitHub's 422 uses to join the problems of one review thread. */
export function toSentence(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  if (parts.length === 2) return `${parts[0]} and ${parts[1]}`;
  return `${parts.slice(0, -1).join(", ")}, and ${parts.at(-1)}`;
}

export interface AnchorRequest {
  line?: number;
  side?: DiffSide;
  startLine?: number;
  startSide?: DiffSide;
  /** the deprecated `position`: lines below the file's first `@@` */
  position?: number;
}

export type Anchor =
  | {
      ok: true;
      line: number;
      side: DiffSide;
      startLine: number | null;
      startSide: DiffSide | null;
      position: number;
      diffHunk: string;
    }
  | { ok: false; problems: string[] };

const lineNotInDiff = "Pull request review thread line must be part of the diff";
const startNotInHunk = "Pull request review thread start line must be part of the same hunk as the line.";
const startNotBefore = "Pull request review thread start line must precede the end line.";
const hunkBlank = "Pull request review thread diff hunk can't be blank";

/**
 * Anchors a comment in `patch` (undefined when GitHub shows no patch: too large, binary) as
 * GitHub does, or lists the problems GitHub names, in its order.
 */
export function anchorComment(patch: string | undefined, request: AnchorRequest): Anchor {
  const lines = patch === undefined ? [] : parsePatch(patch);
  let target: PatchLine | undefined;
  let side: DiffSide = request.side ?? "RIGHT";
  if (request.line === undefined && request.position !== undefined) {
    target = lines.find(
      (entry) =>
        entry.position === request.position && (entry.kind === "+" || entry.kind === "-" || entry.kind === " "),
    );
    if (target) side = target.kind === "-" ? "LEFT" : "RIGHT";
  } else if (request.line !== undefined) {
    target = findLine(lines, side, request.line);
  }
  if (!target || patch === undefined) {
    return {
      ok: false,
      problems: [lineNotInDiff, ...(request.startLine === undefined ? [] : [startNotInHunk]), hunkBlank],
    };
  }
  const line = (side === "LEFT" ? target.oldLine : target.newLine) ?? 0;
  let startLine: number | null = null;
  let startSide: DiffSide | null = null;
  if (request.startLine !== undefined) {
    startSide = request.startSide ?? side;
    const start = findLine(lines, startSide, request.startLine);
    if (start && start.position >= target.position) return { ok: false, problems: [startNotBefore] };
    if (!start || start.hunk !== target.hunk) return { ok: false, problems: [startNotInHunk] };
    startLine = request.startLine;
  }
  return {
    ok: true,
    line,
    side,
    startLine,
    startSide,
    position: target.position,
    diffHunk: diffHunkOf(patch, lines, target),
  };
}

/**
 * Where the new-file line `line` of `from` is in `to`, given the patch from `from` to `to`
 * (undefined when the file did not change): undefined when a change touched it (GitHub's
 * outdated comment), else its new number.
 */
export function followLine(patch: string | undefined, line: number): number | undefined {
  if (patch === undefined) return line;
  let shift = 0;
  // added lines count once an old line at or above `line` follows them: those after it do not move it
  let added = 0;
  for (const entry of parsePatch(patch)) {
    if (entry.kind === "+") added += 1;
    if (entry.oldLine === undefined) continue;
    if (entry.oldLine > line) return line + shift;
    shift += added;
    added = 0;
    if (entry.oldLine === line) return entry.kind === "-" ? undefined : entry.newLine;
    if (entry.kind === "-") shift -= 1;
  }
  return line + shift + added;
}
