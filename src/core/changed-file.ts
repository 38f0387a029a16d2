/**
 * One file of a change, shaped like an entry of GitHub's compare / list-PR-files API
 * (`files[]`), so the app can pass API data straight in and the CLI can build the same from git.
 */
export type ChangedFileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface ChangedFile {
  filename: string;
  status: ChangedFileStatus;
  /** set for renames (and copies): the path the file had before */
  previous_filename?: string;
  additions: number;
  deletions: number;
  /** unified diff of this file; absent for binary files and for very large diffs */
  patch?: string;
  /** true when git reports the file as binary */
  binary?: boolean;
  /**
   * for a binary file: its printable text (NUL and other control bytes as line breaks), read
   * from the blob so that the secret gate can scan what a diff does not show
   */
  binaryText?: string;
  /**
   * for a text file GitHub sent without a patch (its diff too large to show): the lines head
   * adds, as hunks rebuilt by the app from the file at base and at head, so the secret gate still
   * reads every added line; not a real diff (see `addedLinesPatch`)
   */
  addedPatch?: string;
}
