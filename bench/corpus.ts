/**
 * A deterministic corpus of realistic repository files (TypeScript, JavaScript, Python, Go, YAML,
 * JSON, .env, Markdown, lockfiles, CSS, HTML…) for the throughput benchmark: mostly ordinary code
 * full of `key`, `token` and `password` identifiers, decoys (placeholders, env references,
 * hashes, UUIDs, integrity strings) and a sprinkling of planted credentials. Every credential is
 * assembled at run time from a prefix and seeded random characters, so this file holds none.
 */
import { mulberry32 } from "../test/helpers/random-tokens.js";

export interface CorpusFile {
  path: string;
  text: string;
  /** 1-based lines holding a planted credential (the BEGIN line of a private key) */
  planted: number[];
}

export interface Corpus {
  files: CorpusFile[];
  bytes: number;
  planted: number;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";
const ALNUM = LOWER + UPPER + DIGITS;
const BASE64 = ALNUM + "+/";
const BASE64URL = ALNUM + "-_";

const WORDS = (
  "account user order invoice item cart payment session cache request response config setting option " +
  "client server handler router queue worker job task event message channel stream buffer record entry " +
  "report metric counter timer limit page cursor filter query result error status state value field " +
  "schema model table column index view layout theme style label title name path file folder upload " +
  "download import export parse render format validate build deploy release branch commit review merge " +
  "login logout signup profile avatar email phone address widget panel button dialog tooltip header footer " +
  "price amount total discount tax currency region zone cluster node pod service domain host port route"
).split(" ");
const VERBS =
  "get set load save fetch update create delete list find compute resolve apply check build parse render sync".split(
    " ",
  );
const TYPES = "string number boolean Date Buffer unknown Record<string, string> string[]".split(" ");

class Writer {
  readonly #random: () => number;
  constructor(seed: number) {
    this.#random = mulberry32(seed);
  }
  float(): number {
    return this.#random();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#random() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#random() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }
  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.#random() * alphabet.length)];
    return out;
  }
  word(): string {
    return this.pick(WORDS);
  }
  camel(parts = this.int(1, 3)): string {
    let out = this.pick(VERBS);
    for (let i = 0; i < parts; i++) {
      const w = this.word();
      out += w[0]!.toUpperCase() + w.slice(1);
    }
    return out;
  }
  snake(parts = this.int(1, 3)): string {
    return Array.from({ length: parts + 1 }, () => this.word()).join("_");
  }
  sentence(min = 6, max = 16): string {
    const words = Array.from({ length: this.int(min, max) }, () => this.word());
    const text = words.join(" ");
    return text[0]!.toUpperCase() + text.slice(1) + ".";
  }
  /** log-normal around `median` bytes, as file sizes in real repositories are */
  fileSize(median: number, sigma: number): number {
    const gaussian = Math.sqrt(-2 * Math.log(1 - this.#random())) * Math.cos(2 * Math.PI * this.#random());
    return Math.min(120_000, Math.max(300, Math.round(median * Math.exp(sigma * gaussian))));
  }
  uuid(): string {
    const h = (n: number) => this.chars(HEX, n);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.pick(["8", "9", "a", "b"])}${h(3)}-${h(12)}`;
  }
  semver(): string {
    return `${this.int(0, 12)}.${this.int(0, 30)}.${this.int(0, 40)}`;
  }
}

/** Credentials assembled from a prefix and random characters at run time. */
function plantedSecret(w: Writer): { line: (indent: string) => string; lines?: string[] } {
  const kind = w.int(0, 11);
  const quote = (value: string) => `"${value}"`;
  switch (kind) {
    case 0:
      return { line: (i) => `${i}const githubToken = ${quote("gh" + "p_" + w.chars(ALNUM, 36))};` };
    case 1:
      return { line: (i) => `${i}AWS_ACCESS_KEY_ID=${"AK" + "IA" + w.chars(UPPER + "234567", 16)}` };
    case 2:
      return {
        line: (i) =>
          `${i}slack_token: ${"xo" + "xb-" + w.chars(DIGITS, 12)}-${w.chars(DIGITS, 13)}-${w.chars(ALNUM, 24)}`,
      };
    case 3:
      return { line: (i) => `${i}stripe.api_key = ${quote("sk" + "_live_" + w.chars(ALNUM, 32))}` };
    case 4:
      return { line: (i) => `${i}<meta name="maps-key" content="${"AI" + "za" + w.chars(BASE64URL, 35)}">` };
    case 5:
      return { line: (i) => `${i}//registry.npmjs.org/:_authToken=${"np" + "m_" + w.chars(ALNUM, 36)}` };
    case 6:
      return { line: (i) => `${i}DATABASE_URL=postgres://app:${w.chars(ALNUM, 18)}@db.internal:5432/prod` };
    case 7:
      return { line: (i) => `${i}client_secret: ${quote(w.chars(HEX, 40))}` };
    case 8:
      return { line: (i) => `${i}DB_PASSWORD = ${quote(w.chars(ALNUM + "!#%^*", 20))}` };
    case 9:
      return { line: (i) => `${i}HF_TOKEN = ${quote("h" + "f_" + w.chars(LOWER + UPPER, 34))}` };
    case 10: {
      const header = "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
      return {
        line: (i) =>
          `${i}const authToken = ${quote(`${header}.eyJ${w.chars(BASE64URL, 60)}.${w.chars(BASE64URL, 43)}`)};`,
      };
    }
    default: {
      const label = "RSA " + "PRIVATE KEY";
      const body = Array.from({ length: 12 }, () => w.chars(BASE64, 64));
      return { line: () => "", lines: [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`] };
    }
  }
}

/** Ordinary TypeScript/JavaScript statements, none of them about credentials. */
function plainTsLine(w: Writer): string {
  switch (w.int(0, 13)) {
    case 0:
      return `  const ${w.camel(1)} = ${w.camel(1)}(${w.word()}, ${w.int(0, 500)});`;
    case 1:
      return `  if (${w.word()}.length > ${w.int(1, 100)}) {`;
    case 2:
      return `    return ${w.word()}s.map((item) => item.${w.word()}).filter(Boolean);`;
    case 3:
      return "  }";
    case 4:
      return `  // ${w.sentence()}`;
    case 5:
      return `    ${w.word()}: ${w.chance(0.5) ? w.int(0, 9999) : `"${w.word()}-${w.word()}"`},`;
    case 6:
      return `  await this.${w.camel(1)}(${w.word()}, { ${w.word()}: ${w.chance(0.5)} });`;
    case 7:
      return `    throw new Error(\`${w.sentence(3, 8)} \${${w.word()}.id}\`);`;
    case 8:
      return `  logger.info({ ${w.word()}, ${w.word()} }, "${w.sentence(3, 7)}");`;
    case 9:
      return `  for (const ${w.word()} of ${w.word()}s) total += ${w.word()}.${w.word()} * ${w.int(1, 12)};`;
    case 10:
      return `  const { ${w.word()}, ${w.word()} } = await ${w.camel(1)}(request.params.${w.word()}Id);`;
    case 11:
      return `  expect(${w.camel(1)}(${w.int(0, 99)})).toEqual({ ${w.word()}: "${w.word()}", ${w.word()}: ${w.int(0, 9)} });`;
    case 12:
      return `    .then((${w.word()}) => ${w.word()}.${w.camel(1)}())`;
    default:
      return "";
  }
}

/** Lines that do mention keys, tokens and passwords, the way working code does. */
function credentialTsLine(w: Writer): string {
  switch (w.int(0, 9)) {
    case 0:
      return `  const apiKey = process.env.${w.snake(1).toUpperCase()}_API_KEY ?? "";`;
    case 1:
      return `  const response = await fetch(\`\${baseUrl}/v1/${w.word()}s/\${input.id}\`, { headers: { Authorization: \`Bearer \${token}\` } });`;
    case 2:
      return `  for (const [key, value] of Object.entries(input.${w.word()}s ?? {})) result.set(key, value);`;
    case 3:
      return `  const ${w.word()}Token = await this.${w.camel(1)}(input.token, { expiresIn: ${w.int(60, 86400)} });`;
    case 4:
      return `  if (!input.password || input.password.length < ${w.int(8, 16)}) throw new Error("${w.sentence(3, 6)}");`;
    case 5:
      return `  const cacheKey = \`${w.word()}:\${input.id}\`;`;
    case 6:
      return `  logger.debug({ ${w.word()}: input.${w.word()}, secretName: "${w.word()}_secret" }, "${w.sentence(3, 8)}");`;
    case 7:
      return `  const requestId = "${w.uuid()}";`;
    case 8:
      return `  const commit = "${w.chars(HEX, 40)}";`;
    default:
      return `  type ${w.camel(1)}Keys = keyof typeof ${w.word()}Config;`;
  }
}

function tsBlock(w: Writer): string[] {
  const type = w.pick(TYPES);
  const lines = [
    `/** ${w.sentence()} */`,
    `export async function ${w.camel()}(input: ${w.camel(1)}Input, options: { ${w.word()}?: ${type} } = {}): Promise<${type}> {`,
  ];
  const body = w.int(4, 18);
  for (let i = 0; i < body; i++) lines.push(w.chance(0.06) ? credentialTsLine(w) : plainTsLine(w));
  lines.push(`  return ${w.camel(1)}(${w.word()});`, "}", "");
  return lines;
}

function pyBlock(w: Writer): string[] {
  const lines = [
    `    def ${w.snake()}(self, ${w.word()}: str, ${w.word()}_id: int = ${w.int(0, 99)}) -> dict:`,
    `        """${w.sentence()}"""`,
  ];
  const body = w.int(3, 14);
  for (let i = 0; i < body; i++) {
    if (w.chance(0.07)) {
      lines.push(
        w.pick([
          `        token = os.environ.get("${w.snake(1).toUpperCase()}_TOKEN")`,
          `        password = get_password_from_vault("${w.word()}")`,
          `        headers = {"Authorization": f"Bearer {token}", "X-Request-Id": "${w.uuid()}"}`,
          `        for key, value in self.${w.word()}s.items():`,
        ]),
      );
      continue;
    }
    lines.push(
      w.pick([
        `        ${w.snake(1)} = self.${w.snake(1)}(${w.word()}, ${w.int(0, 100)})`,
        `        if not ${w.word()}:`,
        `            return {"${w.word()}": ${w.word()}_id, "${w.word()}": None}`,
        `        # ${w.sentence()}`,
        `        logger.info("${w.sentence(3, 7)} %s", ${w.word()})`,
        `        for ${w.word()} in self.${w.word()}s:`,
        `            total += ${w.word()}.${w.word()} * ${w.int(1, 12)}`,
        `        raise ValueError(f"${w.sentence(3, 6)} {${w.word()}_id}")`,
        "",
      ]),
    );
  }
  lines.push(
    `        return requests.get(f"{self.base_url}/${w.word()}s/{${w.word()}_id}", timeout=${w.int(5, 60)}).json()`,
    "",
  );
  return lines;
}

function goBlock(w: Writer): string[] {
  const type = w.camel(1).replace(/^./, (c) => c.toUpperCase());
  const lines = [
    `// ${type} ${w.sentence(4, 10).toLowerCase()}`,
    `type ${type} struct {`,
    `\tID        string \`json:"id"\``,
  ];
  const fields = w.int(2, 7);
  for (let i = 0; i < fields; i++) {
    const field = w.word();
    lines.push(
      w.chance(0.08)
        ? `\tToken     string \`json:"token,omitempty"\``
        : `\t${field[0]!.toUpperCase() + field.slice(1)} ${w.pick(["string", "int64", "bool", "time.Time", "[]string"])} \`json:"${field}"\``,
    );
  }
  lines.push("}", "", `func (s *Service) ${w.camel()}(ctx context.Context, id string) error {`);
  const body = w.int(3, 12);
  for (let i = 0; i < body; i++) {
    lines.push(
      w.chance(0.06)
        ? w.pick([`\ttoken := os.Getenv("${w.snake(1).toUpperCase()}_TOKEN")`, `\treturn s.client.Do(ctx, key, token)`])
        : w.pick([
            `\t${w.word()}, err := s.${w.camel(1)}(ctx, id)`,
            "\tif err != nil {",
            `\t\treturn fmt.Errorf("${w.sentence(2, 5).toLowerCase().slice(0, -1)}: %w", err)`,
            "\t}",
            `\t// ${w.sentence()}`,
            `\ts.metrics.${w.camel(1)}.Add(${w.int(1, 9)})`,
            `\tfor _, ${w.word()} := range s.${w.word()}s {`,
          ]),
    );
  }
  lines.push("\treturn nil", "}", "");
  return lines;
}

function yamlFile(w: Writer): string[] {
  const lines = ["name: CI", "on:", "  push:", "    branches: [main]", "jobs:"];
  const jobs = w.int(2, 6);
  for (let j = 0; j < jobs; j++) {
    lines.push(
      `  ${w.word()}:`,
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      `      - uses: actions/setup-node@v4`,
      "        with:",
      `          node-version: ${w.pick(["20", "22"])}`,
      "      - run: npm ci",
      "        env:",
      "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
      `          ${w.snake(1).toUpperCase()}_API_KEY: \${{ secrets.${w.snake(1).toUpperCase()}_API_KEY }}`,
      `      - run: npm run ${w.word()} -- --${w.word()}=${w.int(1, 9)}`,
    );
  }
  return lines;
}

function k8sFile(w: Writer): string[] {
  const name = `${w.word()}-${w.word()}`;
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  replicas: ${w.int(1, 6)}`,
    "  template:",
    "    spec:",
    "      containers:",
    `        - name: ${name}`,
    `          image: ghcr.io/acme/${name}@sha256:${w.chars(HEX, 64)}`,
    "          env:",
    "            - name: DB_PASSWORD",
    "              valueFrom:",
    "                secretKeyRef:",
    `                  name: ${name}-db`,
    "                  key: password",
    "            - name: API_TOKEN",
    "              valueFrom:",
    "                secretKeyRef:",
    `                  name: ${name}-api`,
    "                  key: token",
    "---",
  ];
}

function jsonData(w: Writer): string[] {
  const lines = ["["];
  const count = w.int(20, 120);
  for (let i = 0; i < count; i++) {
    lines.push(
      "  {",
      `    "id": "${w.uuid()}",`,
      `    "name": "${w.word()} ${w.word()}",`,
      w.chance(0.2) ? `    "key": "${w.word()}.${w.word()}.${w.word()}",` : `    "status": "${w.word()}",`,
      `    "sha": "${w.chars(HEX, 40)}",`,
      w.chance(0.1) ? `    "token_type": "bearer",` : `    "score": ${w.int(0, 100)},`,
      `    "expires_in": ${w.int(60, 86400)},`,
      `    "created": "2024-${String(w.int(1, 12)).padStart(2, "0")}-${String(w.int(1, 28)).padStart(2, "0")}T10:00:00Z"`,
      `  }${i + 1 < count ? "," : ""}`,
    );
  }
  lines.push("]");
  return lines;
}

function lockfile(w: Writer): string[] {
  const lines = ["{", '  "name": "app",', '  "lockfileVersion": 3,', '  "packages": {'];
  const count = w.int(100, 400);
  for (let i = 0; i < count; i++) {
    const pkg = `${w.word()}-${w.word()}`;
    const version = w.semver();
    lines.push(
      `    "node_modules/${pkg}": {`,
      `      "version": "${version}",`,
      `      "resolved": "https://registry.npmjs.org/${pkg}/-/${pkg}-${version}.tgz",`,
      `      "integrity": "sha512-${w.chars(BASE64, 86)}==",`,
      `      "dev": ${w.chance(0.5)},`,
      `      "license": "MIT"`,
      `    }${i + 1 < count ? "," : ""}`,
    );
  }
  lines.push("  }", "}");
  return lines;
}

function envExample(w: Writer): string[] {
  return [
    "NODE_ENV=development",
    `PORT=${w.int(3000, 9000)}`,
    "OPENAI_API_KEY=<your-openai-key>",
    "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "DATABASE_URL=postgres://user:password@localhost:5432/app",
    "SESSION_SECRET=changeme",
    `${w.snake(1).toUpperCase()}_API_KEY=\${${w.snake(1).toUpperCase()}_API_KEY}`,
    "REDIS_PASSWORD=",
    `AWS_ACCESS_KEY_ID=${"AK" + "IA"}IOSFODNN7EXAMPLE`,
    "",
  ];
}

function markdown(w: Writer): string[] {
  const lines = [`# ${w.word()} ${w.word()}`, ""];
  const sections = w.int(4, 14);
  for (let i = 0; i < sections; i++) {
    lines.push(`## ${w.sentence(2, 5).slice(0, -1)}`, "", w.sentence(12, 40), w.sentence(12, 40), "");
    if (w.chance(0.4)) {
      lines.push(
        "```bash",
        "export API_TOKEN=<paste your token here>",
        `curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/${w.word()}s`,
        "```",
        "",
      );
    }
    if (w.chance(0.3))
      lines.push(
        `Set \`password\` to a value of at least ${w.int(8, 20)} characters; the key is rotated every ${w.int(7, 90)} days.`,
        "",
      );
  }
  return lines;
}

function css(w: Writer): string[] {
  const lines: string[] = [];
  const rules = w.int(30, 200);
  for (let i = 0; i < rules; i++) {
    lines.push(
      `.${w.word()}-${w.word()} {`,
      `  color: #${w.chars(HEX, 6)};`,
      `  background: #${w.chars(HEX, 6)};`,
      `  margin: ${w.int(0, 32)}px ${w.int(0, 32)}px;`,
      "}",
    );
  }
  return lines;
}

function html(w: Writer): string[] {
  const lines = ["<!doctype html>", "<html><head>", `<title>${w.sentence(2, 5)}</title>`, "</head><body>"];
  const blocks = w.int(20, 120);
  for (let i = 0; i < blocks; i++) {
    lines.push(`<section class="${w.word()}"><h2>${w.sentence(2, 5)}</h2><p>${w.sentence(10, 30)}</p></section>`);
    if (w.chance(0.2)) lines.push(`<input type="hidden" name="csrf_token" value="${w.chars(BASE64URL, 43)}">`);
  }
  lines.push("</body></html>");
  return lines;
}

type Generator = { ext: string; dir: string; make: (w: Writer) => string[]; repeat?: (w: Writer) => string[] };

const GENERATORS: readonly Generator[] = [
  {
    ext: "ts",
    dir: "src",
    make: () => ['import { cache } from "./cache.js";', 'import type { Input } from "./types.js";', ""],
    repeat: tsBlock,
  },
  {
    ext: "js",
    dir: "lib",
    make: () => ['"use strict";', 'const { cache } = require("./cache");', ""],
    repeat: tsBlock,
  },
  { ext: "py", dir: "app", make: () => ["import os", "import requests", "", "class Service:"], repeat: pyBlock },
  {
    ext: "go",
    dir: "internal",
    make: () => ["package service", "", "import (", '\t"context"', '\t"fmt"', '\t"os"', ")", ""],
    repeat: goBlock,
  },
  { ext: "yml", dir: ".github/workflows", make: yamlFile },
  { ext: "yaml", dir: "deploy", make: (w) => Array.from({ length: w.int(2, 8) }, () => k8sFile(w)).flat() },
  { ext: "json", dir: "fixtures", make: jsonData },
  { ext: "json", dir: "lock", make: lockfile },
  { ext: "env", dir: "config", make: envExample },
  { ext: "md", dir: "docs", make: markdown },
  { ext: "css", dir: "styles", make: css },
  { ext: "html", dir: "public", make: html },
];
const WEIGHTS = [22, 10, 12, 10, 4, 5, 8, 6, 2, 10, 5, 6];

function pickGenerator(w: Writer): Generator {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let roll = w.float() * total;
  for (let i = 0; i < GENERATORS.length; i++) {
    roll -= WEIGHTS[i]!;
    if (roll < 0) return GENERATORS[i]!;
  }
  return GENERATORS[0]!;
}

/** The same corpus for the same seed and size, on every machine. */
export function generateCorpus(options: { targetBytes?: number; seed?: number } = {}): Corpus {
  const targetBytes = options.targetBytes ?? 50 * 1024 * 1024;
  const w = new Writer(options.seed ?? 20_240_601);
  const files: CorpusFile[] = [];
  let bytes = 0;
  let planted = 0;
  while (bytes < targetBytes) {
    const generator = pickGenerator(w);
    const lines = generator.make(w);
    if (generator.repeat) {
      const fileTarget = w.fileSize(4_000, 0.9);
      let size = lines.reduce((n, line) => n + line.length + 1, 0);
      while (size < fileTarget) {
        for (const line of generator.repeat(w)) {
          lines.push(line);
          size += line.length + 1;
        }
      }
    }
    const plantedLines: number[] = [];
    if (w.chance(0.03)) {
      // insertion points picked on the original lines and filled bottom-up, so blocks never nest
      const points = Array.from({ length: w.int(1, 2) }, () => w.int(0, lines.length)).sort((a, b) => b - a);
      for (const at of points) {
        const secret = plantedSecret(w);
        const inserted = secret.lines ?? [secret.line("")];
        lines.splice(at, 0, ...inserted);
        for (let k = 0; k < plantedLines.length; k++) plantedLines[k]! += inserted.length;
        plantedLines.push(at + 1);
        planted++;
      }
    }
    const text = `${lines.join("\n")}\n`;
    const path = `${generator.dir}/${w.word()}-${w.word()}-${files.length}.${generator.ext}`;
    files.push({ path, text, planted: plantedLines.sort((a, b) => a - b) });
    bytes += Buffer.byteLength(text, "utf8");
  }
  return { files, bytes, planted };
}
