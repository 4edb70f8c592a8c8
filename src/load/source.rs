//! Where a document's bytes come from: a file, standard input, an http(s) URL, or a git
//! revision (`REV:path`), and how a relative `$ref` found in one of them names another.

use super::git;
pub use crate::files::FileLocation;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

impl FileLocation {
    /// Reads a command-line source argument: `-` is stdin, `http(s)://…` a URL, an existing
    /// path a file, and otherwise `REV:path` (when it has a colon) a file at a git revision.
    /// An existing file wins over a revision of the same spelling; [`shadowed_revision`]
    /// says when that happened, so that the command can say so. Options that name a
    /// revision (`--base`) use [`FileLocation::at_revision`], which never reads a file.
    pub(crate) fn from_arg(arg: &str) -> Result<FileLocation, String> {
        if arg == "-" {
            return Ok(FileLocation::Stdin);
        }
        if arg.starts_with("http://") || arg.starts_with("https://") {
            return Ok(FileLocation::Url(arg.to_string()));
        }
        let path = Path::new(arg);
        if path.exists() {
            return Ok(FileLocation::Path(normalize(&absolute(path))));
        }
        if let Some((rev, file)) = arg.split_once(':')
            && !rev.is_empty()
            && !file.is_empty()
        {
            return FileLocation::at_revision(rev, file);
        }
        Err(format!("{arg}: no such file"))
    }

    /// `file` (a path relative to the working directory, as a person types it) at the git
    /// revision `rev`, whatever the work tree holds.
    pub(crate) fn at_revision(rev: &str, file: &str) -> Result<FileLocation, String> {
        git::check_revision_text(rev)?;
        let top = git::work_tree_top(None)
            .ok_or_else(|| format!("{rev}:{file}: not inside a git repository"))?;
        let commit = git::resolve_commit(None, rev).map_err(|e| format!("{rev}:{file}: {e}"))?;
        let prefix = git::prefix_in_work_tree();
        let joined = normalize(&Path::new(&prefix).join(file.strip_prefix("./").unwrap_or(file)));
        Ok(FileLocation::Git {
            repo: top,
            rev: rev.to_string(),
            commit,
            path: joined.to_string_lossy().into_owned(),
        })
    }

    /// The name shown in findings: paths relative to the working directory when below it.
    pub(crate) fn display_name(&self) -> String {
        self.display_name_as(NameStyle::Shortest)
    }

    /// The name shown in findings, in `style`: a spec the user named by an absolute path
    /// has its files named absolute, since that is the spelling they chose and will search
    /// for in the report.
    pub(crate) fn display_name_as(&self, style: NameStyle) -> String {
        match self {
            FileLocation::Path(p) if style == NameStyle::Absolute => {
                p.to_string_lossy().into_owned()
            }
            FileLocation::Path(p) => {
                // Relative when that is shorter: `../shared/x.json` reads better than its
                // absolute path, but `/dev/zero` better than `../../dev/zero`.
                match working_directory().and_then(|cwd| relative_to(p, cwd)) {
                    Some(rel) if rel.as_os_str().len() < p.as_os_str().len() => {
                        rel.to_string_lossy().into_owned()
                    }
                    _ => p.to_string_lossy().into_owned(),
                }
            }
            FileLocation::Stdin => "<stdin>".to_string(),
            FileLocation::Url(u) => u.clone(),
            FileLocation::Git { rev, path, .. } => format!("{rev}:{path}"),
        }
    }

    /// The location that relative reference `target` (no fragment, percent-decoded) names
    /// when found in this file.
    pub fn join(&self, target: &str) -> Result<FileLocation, String> {
        if target.starts_with("http://") || target.starts_with("https://") {
            return Ok(FileLocation::Url(target.to_string()));
        }
        if target.contains("://") {
            return Err(format!("unsupported URL scheme in `{target}`"));
        }
        let target_path = target.strip_prefix("file://").unwrap_or(target);
        match self {
            FileLocation::Path(p) => {
                let base = p.parent().unwrap_or(Path::new("/"));
                Ok(FileLocation::Path(normalize(&base.join(target_path))))
            }
            FileLocation::Stdin => {
                let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
                Ok(FileLocation::Path(normalize(&cwd.join(target_path))))
            }
            FileLocation::Url(base) => Ok(FileLocation::Url(join_url(base, target)?)),
            FileLocation::Git {
                repo,
                rev,
                commit,
                path,
            } => {
                if Path::new(target_path).is_absolute() {
                    return Err(format!(
                        "`{target}` is an absolute path, which a git revision cannot hold"
                    ));
                }
                let base = Path::new(path).parent().unwrap_or(Path::new(""));
                let joined = normalize(&base.join(target_path));
                if joined.components().next() == Some(Component::ParentDir) {
                    return Err(format!("`{target}` leads outside the git repository"));
                }
                Ok(FileLocation::Git {
                    repo: repo.clone(),
                    rev: rev.clone(),
                    commit: commit.clone(),
                    path: joined.to_string_lossy().into_owned(),
                })
            }
        }
    }
}

/// How the files of a workspace are named in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum NameStyle {
    /// Relative to the working directory when that is shorter than the absolute path.
    #[default]
    Shortest,
    /// Absolute: the user named the spec by an absolute path.
    Absolute,
}

/// The name of a root document named on the command line by `arg`: a path as written (with
/// `.` and `..` folded, as its location is), absolute or relative; anything else as
/// [`FileLocation::display_name`] names it. Also the style for the files it references.
pub(crate) fn name_as_written(arg: &str, location: &FileLocation) -> (String, NameStyle) {
    match location {
        FileLocation::Path(absolute) if Path::new(arg).is_absolute() => {
            (absolute.to_string_lossy().into_owned(), NameStyle::Absolute)
        }
        FileLocation::Path(_) => {
            let folded = normalize(Path::new(arg));
            let name = if folded.as_os_str().is_empty() {
                arg.to_string()
            } else {
                folded.to_string_lossy().into_owned()
            };
            (name, NameStyle::Shortest)
        }
        _ => (location.display_name(), NameStyle::Shortest),
    }
}

/// What reading may cost: the largest file accepted and how long a download may take.
#[derive(Clone, Copy, Debug)]
pub struct ReadLimits {
    pub(crate) max_file_bytes: u64,
    pub(crate) http_timeout: Duration,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 256 * 1024 * 1024,
            http_timeout: Duration::from_secs(30),
        }
    }
}

/// Reads the bytes at `location`, refusing anything over the size limit.
pub(crate) fn read_bytes(location: &FileLocation, limits: &ReadLimits) -> Result<Vec<u8>, String> {
    let too_big = || format!("larger than the limit of {} bytes", limits.max_file_bytes);
    match location {
        FileLocation::Path(p) => read_regular_file(p, limits.max_file_bytes),
        FileLocation::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(limits.max_file_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| io_message(&e))?;
            if buf.len() as u64 > limits.max_file_bytes {
                return Err(too_big());
            }
            Ok(buf)
        }
        FileLocation::Url(url) => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(limits.http_timeout))
                .build()
                .into();
            let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
            response
                .body_mut()
                .with_config()
                .limit(limits.max_file_bytes)
                .read_to_vec()
                .map_err(|e| e.to_string())
        }
        FileLocation::Git {
            repo, commit, path, ..
        } => git::read_blob(repo, commit, path, limits.max_file_bytes),
    }
}

/// The largest settings, ruleset, ignore or severity file read: far above any real one, far
/// below what would exhaust memory.
pub(crate) const SETTINGS_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a regular file of at most `max_bytes`. Anything else is refused before it is
/// opened: a directory, and a device or FIFO, which could be read forever (`/dev/zero`) or
/// block forever (a FIFO nobody writes to). The size is checked while reading too, in case
/// the file grows.
pub(crate) fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a directory".to_string());
    }
    if !meta.is_file() {
        return Err("not a regular file (a device, FIFO or socket), so not read".to_string());
    }
    let too_big = || format!("larger than the limit of {max_bytes} bytes");
    if meta.len() > max_bytes {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big());
    }
    Ok(bytes)
}

/// A settings-sized text file ([`SETTINGS_MAX_BYTES`]), as UTF-8; errors name the file.
pub(crate) fn read_settings_text(path: &Path) -> Result<String, String> {
    let bytes = read_regular_file(path, SETTINGS_MAX_BYTES)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {} is invalid)",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    }
}

/// When `arg` names an existing file and would also read as `REV:path` at a revision of the
/// repository here, the note to print: a file whose name holds a colon shadows the revision.
pub(crate) fn shadowed_revision(arg: &str) -> Option<String> {
    let (rev, file) = arg.split_once(':')?;
    if rev.is_empty() || file.is_empty() || !Path::new(arg).exists() {
        return None;
    }
    git::resolve_commit(None, rev).ok()?;
    Some(format!(
        "`{arg}` is read from the file of that name in the working tree, not as `{file}` at \
         git revision `{rev}`; to compare with the revision, pass `{file} --base {rev}`"
    ))
}

pub(crate) fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Removes `.` and folds `..` lexically, so two spellings of one file compare equal without
/// a system call per reference.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !matches!(out.components().next_back(), Some(Component::RootDir)) {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The working directory, asked once: names are made relative to it for every file read
/// (2,861 `getcwd` calls for DigitalOcean), and nothing here changes it.
pub(crate) fn working_directory() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_deref()
}

pub(crate) fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    if let Ok(rest) = path.strip_prefix(base) {
        return Some(rest.to_path_buf());
    }
    // One or two levels up still reads better than an absolute path (`../shared/...`).
    let mut up = PathBuf::new();
    let mut base = base;
    for _ in 0..2 {
        base = base.parent()?;
        up.push("..");
        if let Ok(rest) = path.strip_prefix(base) {
            return Some(up.join(rest));
        }
    }
    None
}

fn join_url(base: &str, target: &str) -> Result<String, String> {
    let scheme_end = base.find("://").ok_or("bad base URL")? + 3;
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    let origin = &base[..path_start];
    if let Some(abs) = target.strip_prefix('/') {
        return Ok(format!("{origin}/{abs}"));
    }
    let base_path = &base[path_start..];
    let base_path = base_path.split(['?', '#']).next().unwrap_or("");
    let dir = match base_path.rfind('/') {
        Some(i) => &base_path[..=i],
        None => "/",
    };
    let joined = normalize(&Path::new(dir).join(target));
    Ok(format!("{origin}{}", joined.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
    }

    #[test]
    fn relative_refs_join_against_their_file() {
        let base = FileLocation::Path(PathBuf::from("/spec/api/openapi.yaml"));
        assert_eq!(
            base.join("../models/pet.yaml").unwrap(),
            FileLocation::Path(PathBuf::from("/spec/models/pet.yaml"))
        );
        let url = FileLocation::Url("https://example.com/a/b/api.json?x=1".into());
        assert_eq!(
            url.join("../c.json").unwrap(),
            FileLocation::Url("https://example.com/a/c.json".into())
        );
        assert_eq!(
            url.join("/root.json").unwrap(),
            FileLocation::Url("https://example.com/root.json".into())
        );
        let git = FileLocation::Git {
            repo: "/r".into(),
            rev: "main".into(),
            commit: "c0ffee".into(),
            path: "spec/openapi.yaml".into(),
        };
        assert_eq!(
            git.join("./parts/a.yaml").unwrap(),
            FileLocation::Git {
                repo: "/r".into(),
                rev: "main".into(),
                commit: "c0ffee".into(),
                path: "spec/parts/a.yaml".into()
            }
        );
        assert!(git.join("../../etc/passwd").is_err());
    }
}
