//! Shell completions and the man page are generated from the parser's own definitions:
//! every subcommand and option the parser knows must be in them.

mod common;
use common::*;

#[test]
fn completions_name_every_subcommand_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = specver(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for sub in ["check", "breaking", "lint", "bump", "bundle", "explain"] {
            assert!(script.contains(sub), "{shell} completion lacks `{sub}`");
        }
        assert!(script.contains("--max-annotations"), "{shell}");
    }
    let out = specver(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let out = specver(&["man"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH specver"),
        "{page}"
    );
    assert!(page.contains(".TH specver"), "{page}");
    for sub in ["check", "breaking", "lint", "completions"] {
        assert!(page.contains(sub), "the man page lacks `{sub}`");
    }
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let out = specver(&["--version"]);
    let said = stdout(&out);
    assert!(
        said.starts_with(&format!("specver {} ", env!("CARGO_PKG_VERSION")))
            || said == format!("specver {}\n", env!("CARGO_PKG_VERSION")),
        "{said}"
    );
    let head = std::process::Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--short=8",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        // Built from this work tree: the commit is named (the build may predate a commit
        // made since, so only its shape is checked).
        Some(_) => assert!(
            said.trim_end().ends_with(')') && said.contains(" ("),
            "{said}"
        ),
        None => println!("skipping the commit check: not a git work tree"),
    }
}
