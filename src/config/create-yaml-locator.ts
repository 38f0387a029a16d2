import { isAlias, isCollection, isMap, isScalar, isSeq } from "yaml";
import type { Document, LineCounter, Node } from "yaml";

export interface SourcePosition {
  line: number;
  column: number;
}

/** `key` for issues about a key itself (an unknown key), `value` for issues about its value. */
export type LocateTarget = "key" | "value";

export type YamlLocator = (path: readonly PropertyKey[], target?: LocateTarget) => SourcePosition | undefined;

/**
 * Maps a config path to a line and column in the YAML source. A scalar points at its value, a
 * section at its key (the line an owner looks for), and a path that does not exist in the file
 * (a missing key, or a default that failed a cross-field check) at the nearest key that does.
 */
export const createYamlLocator = (document: Document, lineCounter: LineCounter): YamlLocator => {
  const position = (node: Node | null | undefined): SourcePosition | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  return (path, target = "value") => {
    let node: unknown = document.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) return position(keyNode);
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        node = node.items[segment];
        keyNode = isCollection(node) || isScalar(node) || isAlias(node) ? node : keyNode;
      } else {
        return position(keyNode);
      }
    }
    if (target === "key" && keyNode !== undefined) return position(keyNode);
    // A key with nothing after it (`labels:`) holds an empty null scalar: point at the key instead.
    const empty = isScalar(node) && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
    if ((isScalar(node) && !empty) || isAlias(node)) return position(node);
    return position(keyNode) ?? position(node as Node | null);
  };
};
