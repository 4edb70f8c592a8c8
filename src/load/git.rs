//! Every git command specver runs, in one place, so that nothing a user typed can reach git
//! as an option.
//!
//! A revision (`--base`, `--since`, `--new-since`, the `REV` of `REV:path`) is checked as text
//! first (it may not start with `-`), then resolved once with
//! `git rev-parse --verify --quiet --end-of-options REV^{commit}`. Every later command is
//! given the resulting commit hash, never the text, and every path goes after `--` or
//! inside a `HASH:path` argument, which starts with the hash.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `git`, run in `dir` when given (`-C` takes its value as a path whatever it starts with).
fn git(dir: Option<&Path>) -> Command {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    cmd
}

fn run(cmd: &mut Command) -> Result<Output, String> {
    cmd.output().map_err(|e| format!("cannot run git: {e}"))
}

fn first_error_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .trim()
        .lines()
        .next()
        .unwrap_or("git failed")
        .to_string()
}

fn stdout_line(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout)
        .trim_end_matches(['\n', '\r'])
        .to_string()
}

/// Refuses revision text git could read as something else: an option (`--output=FILE`),
/// nothing at all, or text with control characters.
pub(crate) fn check_revision_text(rev: &str) -> Result<(), String> {
    if rev.is_empty() {
        return Err("an empty git revision".to_string());
    }
    if rev.starts_with('-') {
        return Err(format!(
            "`{rev}` is not a git revision: a revision cannot start with `-`"
        ));
    }
    if rev.chars().any(char::is_control) {
        return Err(format!(
            "`{}` is not a git revision: it holds a control character",
            rev.escape_debug()
        ));
    }
    Ok(())
}

/// The full hash of the commit `rev` names, resolved in `dir` (the working directory when
/// `None`).
pub(crate) fn resolve_commit(dir: Option<&Path>, rev: &str) -> Result<String, String> {
    check_revision_text(rev)?;
    let out = run(git(dir).args([
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &format!("{rev}^{{commit}}"),
    ]))?;
    let hash = stdout_line(&out);
    if !out.status.success() || hash.is_empty() {
        return Err(format!(
            "`{rev}` is not a git revision of this repository{}",
            fetch_hint(dir, rev)
        ));
    }
    Ok(hash)
}

/// What to do when `rev` does not resolve because the clone lacks it: a CI checkout is
/// often shallow, with no remote branches, and `--base origin/main` then needs a fetch.
fn fetch_hint(dir: Option<&Path>, rev: &str) -> String {
    let remotes = git(dir)
        .arg("remote")
        .stderr(std::process::Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let remote_branch = remotes.lines().find_map(|remote| {
        rev.strip_prefix(remote)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(|branch| (remote, branch))
    });
    let shallow = git(dir)
        .args(["rev-parse", "--is-shallow-repository"])
        .stderr(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| stdout_line(&o) == "true");
    match (remote_branch, shallow) {
        (Some((remote, branch)), _) => format!(
            "; fetch it first (`git fetch {remote} {branch}`; a CI checkout may hold only the \
             commit it builds: with actions/checkout, set `fetch-depth: 0`)"
        ),
        (None, true) => {
            "; this clone is shallow: `git fetch --unshallow` brings the history".to_string()
        }
        (None, false) => String::new(),
    }
}

/// Where a pull request started: the merge base of `HEAD` and the first of `origin/HEAD`,
/// `origin/main`, `main`, `origin/master`, `master` that exists. Returns the name used and
/// the merge base's hash.
pub fn default_base(dir: Option<&Path>) -> Result<(String, String), String> {
    const CANDIDATES: [&str; 5] = [
        "origin/HEAD",
        "origin/main",
        "main",
        "origin/master",
        "master",
    ];
    let head = resolve_commit(dir, "HEAD").map_err(|e| format!("no base to compare with: {e}"))?;
    for name in CANDIDATES {
        let Ok(tip) = resolve_commit(dir, name) else {
            continue;
        };
        // Both are hashes: nothing here can be read as an option.
        let out = run(git(dir).args(["merge-base", &head, &tip]))?;
        let base = stdout_line(&out);
        if out.status.success() && !base.is_empty() {
            return Ok((name.to_string(), base));
        }
    }
    Err(format!(
        "no base to compare with: none of {} shares history with HEAD; give --base REV (a CI \
         checkout may hold only the commit it builds: with actions/checkout, set `fetch-depth: 0`)",
        CANDIDATES.join(", ")
    ))
}

/// The end of the message [`read_blob`] gives for a path the commit does not have; a
/// command comparing with a revision treats such a spec as new.
pub(crate) const NOT_IN_REVISION: &str = "is not in that revision";

/// The top of the git work tree `dir` is in, if any.
pub(crate) fn work_tree_top(dir: Option<&Path>) -> Option<PathBuf> {
    let out = git(dir)
        .args(["rev-parse", "--show-toplevel"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(stdout_line(&out)))
}

/// Where the working directory is inside its work tree (`api/` or empty).
pub(crate) fn prefix_in_work_tree() -> String {
    git(None)
        .args(["rev-parse", "--show-prefix"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| stdout_line(&o))
        .unwrap_or_default()
}

/// The bytes of `path` (from the top of the work tree `repo`) at `commit` (a full hash from
/// [`resolve_commit`]), refusing a blob larger than `max_bytes` before reading it.
pub(crate) fn read_blob(
    repo: &Path,
    commit: &str,
    path: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    let object = format!("{commit}:{path}");
    let size = run(git(Some(repo)).args(["cat-file", "-s", &object]))?;
    if !size.status.success() {
        let message = first_error_line(&size);
        if message.contains("does not exist in") || message.contains("but not in") {
            return Err(format!("`{path}` {NOT_IN_REVISION}"));
        }
        return Err(message);
    }
    let bytes: u64 = stdout_line(&size)
        .parse()
        .map_err(|_| format!("git gave no size for `{object}`"))?;
    if bytes > max_bytes {
        return Err(format!("larger than the limit of {max_bytes} bytes"));
    }
    let out = run(git(Some(repo)).args(["cat-file", "blob", &object]))?;
    if !out.status.success() {
        return Err(first_error_line(&out));
    }
    Ok(out.stdout)
}

/// One commit that changed a file.
#[derive(Clone, Debug)]
pub(crate) struct Commit {
    pub hash: String,
    /// The committer date, `YYYY-MM-DD`.
    pub date: String,
    pub subject: String,
}

/// The commits that changed `spec` (a path, relative to the working directory), oldest
/// first; after the commit `since` (a full hash from [`resolve_commit`]) when given.
pub(crate) fn commits_changing(spec: &str, since: Option<&str>) -> Result<Vec<Commit>, String> {
    let mut cmd = git(None);
    cmd.args([
        "log",
        "--reverse",
        "--format=%H%x09%cs%x09%s",
        "--end-of-options",
    ]);
    match since {
        Some(hash) => cmd.arg(format!("{hash}..HEAD")),
        None => cmd.arg("HEAD"),
    };
    cmd.args(["--", spec]);
    let out = run(&mut cmd)?;
    if !out.status.success() {
        return Err(format!("git log failed: {}", first_error_line(&out)));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Commit {
                hash: parts.next()?.to_string(),
                date: parts.next()?.to_string(),
                subject: parts.next().unwrap_or("").to_string(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_like_revisions_are_refused_before_git_runs() {
        for rev in ["--output=x", "-n", "", "main\n--output=x", "a\0b"] {
            assert!(check_revision_text(rev).is_err(), "{rev:?} accepted");
        }
        for rev in ["main", "origin/main", "v1.2.0", "HEAD~2", "a1b2c3"] {
            assert!(check_revision_text(rev).is_ok(), "{rev:?} refused");
        }
    }
}
