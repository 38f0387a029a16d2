/** A location inside a JSON document, as zod reports it. */
export type JsonPath = (string | number)[];

/** `items[3].id`, `wbs["WBS-001"]` */
export function formatJsonPath(path: JsonPath): string {
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(part)) return i === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}
