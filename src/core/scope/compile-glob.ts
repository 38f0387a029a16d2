import { Minimatch, type MinimatchOptions } from "minimatch";

/**
 * A glob matcher whose cost is bounded by (pattern length × path length), whatever the input.
 *
 * minimatch turns each segment into a backtracking regular expression, and `**` into recursion:
 * `*a*a*a*a*b` against a long name, or `**` repeated against a deep path, takes time exponential
 * in the number of wildcards. Paths come from the change being judged, so an agent can pick
 * them. Here `*` and `**` are matched by the classic two-pointer algorithm that only ever goes
 * back to the last star, which is quadratic at worst and linear in practice. minimatch still
 * parses character classes (its exact syntax), so the meaning of a glob does not change.
 *
 * Globs here are already normalized: no braces, no negation, no extglobs, `/`-separated.
 */
export type GlobMatcher = (path: string) => boolean;

type CharTest = (ch: string) => boolean;
/** `char` is set for an atom that matches exactly that character (a plain one, or a class like `[*]`) */
type Atom = { star: true } | { star: false; test: CharTest; char?: string };
type Segment =
  | { kind: "globstar" }
  | { kind: "any" }
  | { kind: "literal"; text: string }
  | { kind: "pattern"; atoms: readonly Atom[] };

const STAR: Atom = { star: true };
const ANY_CHAR: Atom = { star: false, test: () => true };
const GLOBSTAR: Segment = { kind: "globstar" };
/** one segment, even empty: what a trailing `**` needs at least once (`a/**` does not match `a`) */
const ANY_SEGMENT: Segment = { kind: "any" };

function literalAtom(ch: string): Atom {
  return { star: false, test: (other) => other === ch, char: ch };
}

/** Where the class that opens at `open` ends (index of its `]`), or -1 when it is not closed. */
function classEnd(segment: string, open: number): number {
  // without a `]` further on, nothing closes: answering at once keeps `[[[[…` linear
  if (segment.lastIndexOf("]") <= open) return -1;
  let i = open + 1;
  if (segment[i] === "!" || segment[i] === "^") i++;
  if (segment[i] === "]") i++; // a `]` first in the class is one of its characters
  while (i < segment.length) {
    if (segment.startsWith("[:", i)) {
      const close = segment.indexOf(":]", i + 2);
      if (close !== -1) {
        i = close + 2;
        continue;
      }
    }
    if (segment[i] === "]") return i;
    i++;
  }
  return -1;
}

/** The atoms of a class, compiled by minimatch so that its syntax is exactly minimatch's. */
function classAtoms(text: string, options: MinimatchOptions): Atom[] {
  // the `x` prefix keeps minimatch's "never match `.` or `..`" guard from applying to the class alone
  const part = new Minimatch(`x${text}`, options).set[0]?.[0];
  if (typeof part === "string") return part.slice(1).split("").map(literalAtom);
  if (part instanceof RegExp) return [{ star: false, test: (ch) => part.test(`x${ch}`) }];
  return [{ star: false, test: () => false }];
}

/**
 * The exact name a segment matches when it has no wildcard (`src`, `[*].txt` → `*.txt`), or
 * undefined for a segment with `*`, `?`, `**` or a class of several characters. Read by this
 * module's own parser: minimatch takes seconds to parse a segment of a thousand `[`.
 */
export function segmentLiteral(segment: string, options: MinimatchOptions): string | undefined {
  const compiled = compileSegment(segment, options);
  if (compiled.kind === "literal") return compiled.text;
  if (compiled.kind !== "pattern") return undefined;
  let text = "";
  for (const atom of compiled.atoms) {
    if (atom.star || atom.char === undefined) return undefined;
    text += atom.char;
  }
  return text;
}

function compileSegment(segment: string, options: MinimatchOptions): Segment {
  if (segment === "**") return GLOBSTAR;
  if (!/[*?[]/.test(segment)) return { kind: "literal", text: segment };
  const atoms: Atom[] = [];
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "*") {
      if (atoms[atoms.length - 1] !== STAR) atoms.push(STAR);
    } else if (ch === "?") atoms.push(ANY_CHAR);
    else if (ch === "[" && classEnd(segment, i) !== -1) {
      const close = classEnd(segment, i);
      atoms.push(...classAtoms(segment.slice(i, close + 1), options));
      i = close;
    } else atoms.push(literalAtom(ch));
  }
  return { kind: "pattern", atoms };
}

function isDotSegment(name: string): boolean {
  return name === "." || name === "..";
}

/** Whether a name (one path segment) matches the atoms: the two-pointer wildcard algorithm. */
function matchAtoms(atoms: readonly Atom[], name: string): boolean {
  // `*` alone never matches an empty segment, and no wildcard matches `.` or `..`
  if (name.length === 0) return atoms.length === 0;
  let p = 0;
  let s = 0;
  let starAt = -1;
  let starFrom = 0;
  while (s < name.length) {
    const atom = atoms[p];
    if (atom !== undefined && !atom.star && atom.test(name[s]!)) {
      p++;
      s++;
    } else if (atom?.star) {
      starAt = p++;
      starFrom = s;
    } else if (starAt !== -1) {
      p = starAt + 1;
      s = ++starFrom;
    } else return false;
  }
  while (atoms[p]?.star === true) p++;
  return p === atoms.length;
}

function matchSegment(segment: Segment, name: string): boolean {
  switch (segment.kind) {
    case "literal":
      return segment.text === name;
    case "pattern":
      return !isDotSegment(name) && matchAtoms(segment.atoms, name);
    default:
      return !isDotSegment(name);
  }
}

/** The same algorithm one level up: `**` is the star, segments are the atoms. */
function matchSegments(segments: readonly Segment[], names: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let starAt = -1;
  let starFrom = 0;
  while (s < names.length) {
    const segment = segments[p];
    if (segment?.kind === "globstar") {
      starAt = p++;
      starFrom = s;
    } else if (segment !== undefined && matchSegment(segment, names[s]!)) {
      p++;
      s++;
    } else if (starAt !== -1 && !isDotSegment(names[starFrom]!)) {
      p = starAt + 1;
      s = ++starFrom;
    } else return false;
  }
  while (segments[p]?.kind === "globstar") p++;
  return p === segments.length;
}

/** Compiles one normalized glob (see scopeMatchOptions for the options it is read with). */
export function compileGlob(glob: string, options: MinimatchOptions): GlobMatcher {
  const segments = glob.split("/").map((segment) => compileSegment(segment, options));
  if (segments[segments.length - 1]?.kind === "globstar") segments.splice(segments.length - 1, 0, ANY_SEGMENT);
  return (path) => {
    const names = path.split("/");
    if (matchSegments(segments, names)) return true;
    // as in minimatch, a trailing slash on the path is ignored when the glob is used up
    return names.length > 1 && names[names.length - 1] === "" && matchSegments(segments, names.slice(0, -1));
  };
}
