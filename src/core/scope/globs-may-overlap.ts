import { compileGlob, segmentLiteral } from "./compile-glob.js";
import { scopeMatchOptions } from "./normalize-pattern.js";

/**
 * Static reasoning about normalized globs (no braces, no `!`, no `.`/`..`/empty segments), used
 * to decide lock overlap for paths that do not exist yet. Every "no" must be a proof: these
 * functions answer "may overlap" whenever they cannot tell, because a missed overlap lets two
 * agents write the same files.
 */
interface Segment {
  glob: string;
  globstar: boolean;
  /** the exact name this segment matches, when it has no wildcard */
  literal: string | undefined;
}

function segmentsOf(glob: string): Segment[] {
  return glob.split("/").map((segment) => {
    if (segment === "**") return { glob: segment, globstar: true, literal: undefined };
    // A one-character class such as `[*]` is not magic but is not its own text either.
    return { glob: segment, globstar: false, literal: segmentLiteral(segment, scopeMatchOptions) };
  });
}

/** False only when no path can match both globs. */
export function globsMayOverlap(a: string, b: string): boolean {
  const left = segmentsOf(a);
  const right = segmentsOf(b);
  let front = 0;
  for (; front < left.length && front < right.length; front++) {
    const x = left[front];
    const y = right[front];
    if (!x || !y || x.globstar || y.globstar) break;
    if (!segmentsMayOverlap(x, y)) return false;
  }
  const leftRest = left.slice(front);
  const rightRest = right.slice(front);
  if (leftRest.length === 0 || rightRest.length === 0) {
    // One glob is used up without meeting `**`, so it fixes the path length; the other can only
    // match that length when nothing but `**` is left, and `x/**` does not match `x` itself.
    return leftRest.length === 0 && rightRest.length === 0;
  }
  // Both reached a `**`, which can absorb any number of segments: compare from the end instead.
  for (let back = 1; back <= left.length && back <= right.length; back++) {
    const x = left[left.length - back];
    const y = right[right.length - back];
    if (!x || !y || x.globstar || y.globstar) break;
    if (!segmentsMayOverlap(x, y)) return false;
  }
  return true;
}

function segmentsMayOverlap(x: Segment, y: Segment): boolean {
  if (x.literal !== undefined && y.literal !== undefined) return x.literal === y.literal;
  if (x.literal !== undefined) return compileGlob(y.glob, scopeMatchOptions)(x.literal);
  if (y.literal !== undefined) return compileGlob(x.glob, scopeMatchOptions)(y.literal);
  // Two wildcards: every match starts with the text before the first special character and
  // ends with the text after the last one, so `*.md` and `*.ts` cannot meet.
  const [xHead, xTail] = literalEnds(x.glob);
  const [yHead, yTail] = literalEnds(y.glob);
  const headsAgree = xHead.startsWith(yHead) || yHead.startsWith(xHead);
  const tailsAgree = xTail.endsWith(yTail) || yTail.endsWith(xTail);
  return headsAgree && tailsAgree;
}

const special = /[*?[\]()!@+]/;

function literalEnds(glob: string): [string, string] {
  const first = glob.search(special);
  let last = glob.length - 1;
  while (last >= 0 && !special.test(glob.charAt(last))) last--;
  return [first === -1 ? glob : glob.slice(0, first), glob.slice(last + 1)];
}

/**
 * True when every path matched by `glob` is also matched by `cover`. Only recognises the shapes
 * that carve-outs use (`dir/**`, an identical glob), which keeps the proof simple.
 */
export function globCovers(cover: string, glob: string): boolean {
  if (cover === glob) return true;
  const coverSegments = segmentsOf(cover);
  const directory = coverSegments.slice(0, -1);
  if (coverSegments[coverSegments.length - 1]?.globstar !== true) return false;
  if (directory.some((segment) => segment.literal === undefined)) return false;
  const segments = segmentsOf(glob);
  const inside = directory.every((segment, index) => segments[index]?.literal === segment.literal);
  const below = segments.slice(directory.length);
  // `dir/**` does not match `dir`, so the glob must need at least one segment below `dir`.
  const needsMore = below.some((segment) => !segment.globstar) || (below.length === 1 && below[0]?.globstar === true);
  return inside && needsMore;
}

/** A readable glob for paths both globs can match, for the conflict report. */
export function overlapExample(a: string, b: string): string {
  const left = segmentsOf(a);
  const right = segmentsOf(b);
  const [longer, other] = literalPrefixLength(left) >= literalPrefixLength(right) ? [left, right] : [right, left];
  const longerPrefix = literalPrefixLength(longer);
  const otherRest = other.slice(literalPrefixLength(other));
  if (longerPrefix === longer.length || otherRest[0]?.globstar !== true) return join(longer);
  return join([...longer.slice(0, longerPrefix), ...otherRest]);
}

function literalPrefixLength(segments: Segment[]): number {
  const index = segments.findIndex((segment) => segment.literal === undefined);
  return index === -1 ? segments.length : index;
}

function join(segments: Segment[]): string {
  return segments.map((segment) => segment.glob).join("/");
}
