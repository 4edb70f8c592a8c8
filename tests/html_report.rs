//! The HTML report in a real browser: headless Chromium loads the page, its filters are
//! clicked (the page's `#selftest` does it and writes what it saw), the counts are compared
//! with the JSON report of the same run, the console must stay free of errors, and a
//! screenshot is kept under target/html-report/ as a CI artifact.
//!
//! .ci/run installs Chromium (Debian's package) when it can; without it the tests say they
//! skipped, and under CI=true they fail.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".to_string(),
        "/usr/bin/chromium-browser".to_string(),
    ];
    let found = candidates
        .iter()
        .filter(|c| !c.is_empty())
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium not found (CI=true): .ci/run installs Debian's `chromium` package"
        );
        println!("skipping: Chromium not found (`apt-get install chromium`, or set CHROMIUM)");
    }
    found
}

/// Runs headless Chromium as the machine's notes prescribe (no background networking: the
/// sandbox has no network), with a fresh profile.
fn headless(browser: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

/// What the page's self-test saw, and the console errors Chromium logged.
fn selftest(browser: &Path, page: &Path) -> (Value, Vec<String>) {
    let profile = TempDir::new("chromium");
    let url = format!("file://{}#selftest", page.display());
    let out = headless(browser, profile.path(), &["--dump-dom", &url]);
    let dom = stdout(&out);
    let start = dom
        .find("<pre id=\"selftest-result\">")
        .unwrap_or_else(|| panic!("no self-test result in the page:\n{}", stderr(&out)));
    let json = &dom[start + "<pre id=\"selftest-result\">".len()..];
    let json = &json[..json.find("</pre>").unwrap()];
    let console_errors = stderr(&out)
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error")))
        .map(str::to_string)
        .collect();
    (
        serde_json::from_str(json).expect("self-test JSON"),
        console_errors,
    )
}

fn screenshot(browser: &Path, page: &Path, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-report");
    std::fs::create_dir_all(&dir).unwrap();
    let profile = TempDir::new("chromium-shot");
    let shot = dir.join(name);
    let _ = std::fs::remove_file(&shot);
    headless(
        browser,
        profile.path(),
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ],
    );
    assert!(shot.is_file(), "no screenshot at {}", shot.display());
}

/// The report of `specver diff base revision` as HTML (kept in `dir`) and as JSON.
fn reports(dir: &TempDir, base: &str, revision: &str) -> (PathBuf, Value) {
    let html = specver(&["diff", base, revision, "--format", "html"]);
    assert_eq!(code(&html), 0, "{}", stderr(&html));
    let page = dir.path().join("report.html");
    std::fs::write(&page, stdout(&html)).unwrap();
    let json = json(&specver(&["diff", base, revision, "--format", "json"]));
    (page, json)
}

fn check_filters(browser: &Path, page: &Path, report: &Value) {
    let changes = report["changes"].as_array().unwrap();
    let errors = changes.iter().filter(|c| c["level"] == "error").count();
    let (seen, console) = selftest(browser, page);
    assert!(console.is_empty(), "console errors: {console:?}");
    assert_eq!(seen["total"], changes.len(), "{seen}");
    assert_eq!(seen["all"], changes.len(), "{seen}");
    // Unticking `error` hides exactly the errors.
    assert_eq!(seen["withoutErrors"], changes.len() - errors, "{seen}");
    // Choosing an operation shows exactly the changes that reach it.
    let op = seen["operation"].as_str().expect("an operation was chosen");
    let reaching = changes
        .iter()
        .filter(|c| {
            c["operations"].as_array().unwrap().iter().any(|a| {
                format!(
                    "{} {}",
                    a["method"].as_str().unwrap().to_uppercase(),
                    a["path"].as_str().unwrap()
                ) == op
            })
        })
        .count();
    assert!(reaching > 0);
    assert_eq!(seen["forOperation"], reaching, "{seen}");
    assert_eq!(seen["restored"], changes.len(), "{seen}");
}

#[test]
fn the_petstore_report_filters_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("html");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (page, report) = reports(
        &dir,
        fixtures.join("petstore.yaml").to_str().unwrap(),
        fixtures.join("petstore-v2.yaml").to_str().unwrap(),
    );
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched.
    for external in ["<link ", "src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(external), "the page loads `{external}`");
    }
    // Every change links to its rule's documentation in the page.
    for change in report["changes"].as_array().unwrap() {
        let id = change["id"].as_str().unwrap();
        assert!(html.contains(&format!("href=\"#rule-{id}\"")), "{id}");
        assert!(
            html.contains(&format!("<details id=\"rule-{id}\">")),
            "{id}"
        );
    }
    check_filters(&browser, &page, &report);
    screenshot(&browser, &page, "petstore.png");
}

#[test]
fn a_vapi_report_filters_in_chromium() {
    let vapi = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/vapi");
    if !vapi.is_dir() {
        common::skip_without_shared("../shared/corpus/vapi");
        return;
    }
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("html-vapi");
    let (page, report) = reports(
        &dir,
        vapi.join("2025-08-04_427b2153.json").to_str().unwrap(),
        vapi.join("2025-08-07_4f16438e.json").to_str().unwrap(),
    );
    check_filters(&browser, &page, &report);
    screenshot(&browser, &page, "vapi.png");
}
