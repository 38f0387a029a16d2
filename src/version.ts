import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

/** The package version, read once from package.json (works from src/ under tsx and from dist/). */
export const version: string = pkg.version;
