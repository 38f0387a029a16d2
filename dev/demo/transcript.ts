/** Where the transcript goes: stdout in the CLI, a buffer in tests. */
export interface TranscriptOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

type Tone = "bold" | "dim" | "green" | "red" | "yellow" | "cyan" | "magenta";

const codes: Record<Tone, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  magenta: [35, 39],
};

/** Check conclusions in the colour GitHub shows them in. */
const conclusionTone = (conclusion: string | null | undefined): Tone =>
  conclusion === "success" ? "green" : conclusion === "failure" || conclusion === "action_required" ? "red" : "yellow";

/**
 * The demo's readable account of what happened: who did what (an actor's line), what Autopilot
 * did in response (read back from GitHub), and details under each. Colour only on a terminal
 * (and never with `NO_COLOR`), so a piped or captured transcript is plain text.
 */
export class Transcript {
  readonly #out: TranscriptOutput;
  readonly #color: boolean;
  readonly #lines: string[] = [];

  constructor(out: TranscriptOutput, options: { color?: boolean } = {}) {
    this.#out = out;
    this.#color = options.color ?? (out.isTTY === true && process.env.NO_COLOR === undefined);
  }

  /** Every line printed so far, without colour: for the summary and for tests. */
  get text(): string {
    return this.#lines.join("\n");
  }

  paint(tone: Tone, text: string): string {
    if (!this.#color) return text;
    const [open, close] = codes[tone];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  #print(plain: string, painted: string = plain): void {
    this.#lines.push(plain);
    this.#out.write(`${painted}\n`);
  }

  title(text: string): void {
    this.#print(text, this.paint("bold", text));
  }

  /** `── Step 2: the coding agent's pushes ───…` */
  heading(label: string, text: string): void {
    const line = `── ${label}: ${text} `;
    const padded = line.padEnd(Math.max(line.length, 78), "─");
    this.#print("");
    this.#print(padded, this.paint("bold", padded));
  }

  /** A person (or the simulated agent, or CI) acting through the REST API. */
  actor(who: string, did: string): void {
    this.#print(`  ${who} ▸ ${did}`, `  ${this.paint("cyan", who)} ▸ ${did}`);
  }

  /** What Autopilot did, as read back from GitHub. */
  autopilot(did: string): void {
    this.#print(`  Autopilot ◂ ${did}`, `  ${this.paint("magenta", "Autopilot")} ◂ ${did}`);
  }

  /** A check run or status with its conclusion, coloured as GitHub shows it. */
  check(name: string, conclusion: string | null | undefined, title: string | null | undefined): void {
    const state = conclusion ?? "pending";
    const plain = `      ${name}: ${state}${title ? ` — ${title}` : ""}`;
    this.#print(plain, `      ${name}: ${this.paint(conclusionTone(conclusion), state)}${title ? ` — ${title}` : ""}`);
  }

  detail(text: string): void {
    for (const line of text.split("\n")) this.#print(`      ${line}`, `      ${this.paint("dim", line)}`);
  }

  note(text: string): void {
    this.#print(`  ${text}`, `  ${this.paint("yellow", text)}`);
  }

  blank(): void {
    this.#print("");
  }

  line(text: string): void {
    this.#print(text);
  }

  success(text: string): void {
    this.#print(text, this.paint("green", text));
  }

  failure(text: string): void {
    this.#print(text, this.paint("red", text));
  }
}

/** The first `max` lines of a (comment) body as GitHub shows it: hidden HTML comments left out. */
export function excerpt(body: string, max = 8): string {
  const lines = body
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim()
    .split("\n")
    .filter((line, index, all) => line.trim() !== "" || (index > 0 && all[index - 1]?.trim() !== ""));
  const shown = lines.slice(0, max).map((line) => (line.length > 110 ? `${line.slice(0, 107)}…` : line));
  return lines.length > max
    ? [...shown, `… (${lines.length - max} more line${lines.length - max === 1 ? "" : "s"})`].join("\n")
    : shown.join("\n");
}
