/** reused counters for ASCII characters; the scanner is synchronous, so one set is enough */
const asciiCounts = new Int32Array(128);

/** Shannon entropy of a string in bits per character (0 for the empty string). */
export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  let other: Map<number, number> | undefined;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) asciiCounts[code]!++;
    else (other ??= new Map()).set(code, (other.get(code) ?? 0) + 1);
  }
  let entropy = 0;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) continue;
    const count = asciiCounts[code]!;
    if (count === 0) continue;
    entropy -= (count / length) * Math.log2(count / length);
    asciiCounts[code] = 0;
  }
  if (other) for (const count of other.values()) entropy -= (count / length) * Math.log2(count / length);
  return entropy;
}

/** Number of distinct characters. */
export function distinctChars(value: string): number {
  let distinct = 0;
  let other: Set<number> | undefined;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) (other ??= new Set()).add(code);
    else if (asciiCounts[code]!++ === 0) distinct++;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 128) asciiCounts[code] = 0;
  }
  return distinct + (other?.size ?? 0);
}

export interface CharClasses {
  lower: number;
  upper: number;
  digit: number;
  /** anything that is not an ASCII letter or digit */
  other: number;
}

export function countCharClasses(value: string): CharClasses {
  const classes: CharClasses = { lower: 0, upper: 0, digit: 0, other: 0 };
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 97 && code <= 122) classes.lower++;
    else if (code >= 65 && code <= 90) classes.upper++;
    else if (code >= 48 && code <= 57) classes.digit++;
    else classes.other++;
  }
  return classes;
}

/**
 * Share of adjacent letter pairs that switch case. Random mixed-case tokens switch about half the
 * time; camelCase identifiers and paths only at word starts.
 */
export function caseSwitchRatio(value: string): number {
  let pairs = 0;
  let switches = 0;
  let previous = 0; // 1 lower, 2 upper, 0 not a letter
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const kind = code >= 97 && code <= 122 ? 1 : code >= 65 && code <= 90 ? 2 : 0;
    if (kind !== 0 && previous !== 0) {
      pairs++;
      if (kind !== previous) switches++;
    }
    previous = kind;
  }
  return pairs === 0 ? 0 : switches / pairs;
}
