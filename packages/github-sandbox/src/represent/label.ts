import type { LabelState, RepoState } from "../state/index.js";
import type { Links } from "./links.js";

/** A label name as a path segment the way GitHub writes it: `good%20first%20issue`, but `c++` and `type:bug` as they are. */
const labelSegment = (name: string): string =>
  encodeURIComponent(name).replace(/%(?:21|24|26|27|28|29|2A|2B|2C|3A|3B|3D|40)/g, (escaped) =>
    decodeURIComponent(escaped),
  );

/** GitHub's `label`, as REST answers it and as webhook payloads carry it (`issues.labeled`'s `label`). */
export function labelJson(label: LabelState, repo: RepoState, links: Links): Record<string, unknown> {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${links.api}/repos/${repo.fullName}/labels/${labelSegment(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** GitHub lists labels by name, case-insensitively, both a repository's and an issue's. */
export function byLabelName(a: LabelState, b: LabelState): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
