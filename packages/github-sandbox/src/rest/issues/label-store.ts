import { SandboxHttpError, type GithubErrorDetail } from "../../http/index.js";
import type { LabelState, RepoState, SandboxState } from "../../state/index.js";

/** The color GitHub gives a label created without one (by the labels API or by applying a new name). */
const defaultLabelColor = "ededed";

const labelInvalid = (field: string, code = "invalid"): SandboxHttpError =>
  new SandboxHttpError(422, "Validation Failed", {
    errors: [{ resource: "Label", code, field } satisfies GithubErrorDetail],
  });

export function findLabel(repo: RepoState, name: string): LabelState | undefined {
  return repo.labels.get(name.toLowerCase());
}

/** A label name GitHub accepts: not blank. */
function checkLabelName(name: string): string {
  if (name.trim() === "") throw labelInvalid("name", "missing_field");
  return name;
}

/** Six hex digits, no `#`: anything else is 422 `{ resource: "Label", code: "invalid", field: "color" }`. */
function checkLabelColor(color: string): string {
  if (!/^[0-9a-fA-F]{6}$/.test(color)) throw labelInvalid("color");
  return color;
}

/** At most 100 characters, as GitHub documents. */
function checkLabelDescription(description: string): string {
  if ([...description].length > 100) throw labelInvalid("description");
  return description;
}

export interface NewLabel {
  name: string;
  color?: string;
  description?: string | null;
}

/** A new repository label; 422 `already_exists` when the name is taken (names are case-insensitive). */
export function createLabel(state: SandboxState, repo: RepoState, input: NewLabel): LabelState {
  const name = checkLabelName(input.name);
  const color = input.color === undefined ? defaultLabelColor : checkLabelColor(input.color);
  const description = input.description == null ? null : checkLabelDescription(input.description);
  if (findLabel(repo, name)) throw labelInvalid("name", "already_exists");
  return state.addLabel(repo, { name, color, description, default: false });
}

export interface LabelChanges {
  newName?: string;
  color?: string;
  description?: string | null;
}

/**
 * Renames or recolors a label in place: issues hold the label objects themselves, so they show
 * the change at once, as on GitHub. 422 `already_exists` when the new name is another label's.
 */
export function updateLabel(repo: RepoState, label: LabelState, changes: LabelChanges): void {
  const name = changes.newName === undefined ? label.name : checkLabelName(changes.newName);
  const color = changes.color === undefined ? label.color : checkLabelColor(changes.color);
  const description =
    changes.description === undefined
      ? label.description
      : changes.description === null
        ? null
        : checkLabelDescription(changes.description);
  const holder = findLabel(repo, name);
  if (holder && holder.id !== label.id) throw labelInvalid("name", "already_exists");
  repo.labels.delete(label.name.toLowerCase());
  Object.assign(label, { name, color, description });
  repo.labels.set(name.toLowerCase(), label);
}

/** Deletes a label from the repository and from every issue and pull request that had it. */
export function deleteLabel(repo: RepoState, label: LabelState): void {
  repo.labels.delete(label.name.toLowerCase());
  for (const issue of repo.issues.values()) {
    if (issue.labels.some((applied) => applied.id === label.id)) {
      issue.labels = issue.labels.filter((applied) => applied.id !== label.id);
    }
  }
}
