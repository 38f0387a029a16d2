/**
 * The usage of every command, apart from the commands themselves: `autopilot --help` prints them
 * all without loading any command (doctor, sandbox and their dependencies are large).
 */

export const scanUsage = `autopilot scan [--format text|json] [--diff FILE|-] [--all] [--jobs N] [--config-ref REF] [PATH...]
  Scan files (directories are walked; inside git, .gitignore'd files are skipped unless --all)
  or only the added lines of a unified diff for credentials. Many files are read and scanned
  on --jobs threads (default: one per idle core, at most 8). A symbolic link is scanned as git
  stores it (its link text), never followed; devices, FIFOs, sockets and files over 100 MiB are
  not read. The allowlist comes from .github/autopilot.yml in the working tree, or with
  --config-ref from that git revision: in CI, --config-ref origin/main, so that the change
  scanned cannot allowlist what it adds.
  Exit 0 when clean, 1 when something was found, 2 on usage or read errors.`;

export const checkUsage = `autopilot check --base REF [--task T-<n>] [--format text|json]
  Run the scope, concordance and secret gates on \`git diff REF...HEAD\` of this repository,
  with .github/autopilot.yml as it is at REF (as the app reads it at the default branch; the
  working tree's only when neither REF nor HEAD has one) and the task file on the branch (found
  from the branch name <branch_prefix>T-<n>-…, or given with --task), and print the conclusions
  as the app reports them.
  Exit 0 when no gate fails, 1 when one fails, 2 on usage errors.`;

export const queueUsage = `autopilot queue [list|show T-<n>] [--file ops/queue.jsonl] [--ref REV] [--format text|json]
  List the tasks of a queue file or show one task with its history.
  --ref reads the file at a git revision of the repository you are in instead of the work tree:
  the app keeps its queue on its state branch, so after \`git fetch origin autopilot/state\`
  use --ref origin/autopilot/state.
  Invalid lines are reported with their line number (exit 1); they are never dropped.`;

export const configUsage = `autopilot config validate [FILE] [--format text|json]
  Validate a configuration file (default: .github/autopilot.yml of the repository).
  Exit 0 when valid, 1 when invalid (every issue listed with its path and line), 2 on usage errors.`;

export const progressUsage = `autopilot progress [--ref REV] [--write] [--repo-url URL] [--now ISO-TIME] [--format text|json]
  Progress of the plan of record (ops/por.json) per phase and overall, computed from the plan,
  the queue and the crosswalk as the app computes it after each merge. The plan, the crosswalk and
  .github/autopilot.yml are read from the work tree (a checkout of the default branch); the queue
  from the work tree, or with --ref from a git revision: the app keeps it on its state branch, so
  \`git fetch origin autopilot/state\` then --ref FETCH_HEAD.
  --write writes docs/PROGRESS.md and docs/OUTLINE.md, byte for byte what the app would write at
  the same --now (default: the current time). Links use --repo-url, else the origin remote.
  Exit 1 when the plan or a queue line is invalid (every problem is listed).`;

export const doctorUsage = `autopilot doctor --repo OWNER/NAME [--api-url URL] [--token-env NAME] [--format text|json]
                [--app-id ID --private-key-file PATH]
  Check a repository's setup for Autopilot on GitHub: configuration, dispatch workflow, labels,
  the listed owners' write access, default branch protection, protection of the state branch, the app's permissions and events, CI
  on the default branch and readiness.required_checks (the app's readiness gate); each failure
  with advice. The token comes from GITHUB_TOKEN (or --token-env). Only the app itself
  may read its installation: its permissions are checked with --app-id and --private-key-file (or
  APP_ID and PRIVATE_KEY / PRIVATE_KEY_PATH, as the app's own deployment sets them).
  Exit 0 when no check fails, 1 when one fails, 2 on usage errors.`;

export const sandboxUsage = `autopilot sandbox [--port N] [--webhook-url URL] [--webhook-secret S] [--with-app] [--data-dir DIR] [--verbose]
  Start a local GitHub on 127.0.0.1: the REST API on real git repositories, a GitHub App installed on
  "acme" with the seeded repository acme/widgets, and signed webhooks to --webhook-url (or, with
  --with-app, to the Autopilot app started against it). Prints one JSON line when ready
  ({"apiUrl","userToken","appId","privateKeyPath","installationId","repo",…}) and runs until killed.`;
