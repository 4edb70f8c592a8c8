//! Hostile and broken inputs through the real binary: each must exit 2 with a message that
//! names the file, line and column, never panic, and finish (depth and alias limits hold).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_specver");

/// Far longer than any of these inputs needs; only there so that a hang fails the test
/// instead of stalling the suite.
const WATCHDOG: Duration = Duration::from_secs(300);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `specver args...` in `dir`, feeding `stdin`, and waits for it under the watchdog.
fn specver_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start specver");
    let input = stdin.map(|s| s.to_vec());
    let mut pipe_in = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let (Some(pipe), Some(bytes)) = (pipe_in.as_mut(), input) {
            // The program may stop reading early (it fails on the first bad byte).
            let _ = pipe.write_all(&bytes);
        }
        drop(pipe_in);
    });
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for specver") {
            break status;
        }
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("specver {args:?} did not finish within {WATCHDOG:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = feeder.join();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
    };
    assert!(
        !run.stderr.contains("panicked"),
        "specver {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn specver(args: &[&str]) -> Run {
    specver_in(manifest_dir(), args, None)
}

/// A fatal load error: exit 2, nothing on stdout, exactly one line on stderr that starts
/// with `error: {location}: ` and mentions `phrase`.
fn assert_load_error(run: &Run, location: &str, phrase: &str) {
    assert_eq!(
        run.code, 2,
        "exit code for {location}; stderr:\n{}",
        run.stderr
    );
    assert_eq!(run.stdout, "", "nothing on stdout for {location}");
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "one line on stderr:\n{}",
        run.stderr
    );
    let prefix = format!("error: {location}: ");
    assert!(
        run.stderr.starts_with(&prefix),
        "expected stderr to start with {prefix:?}, got {:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains(phrase),
        "expected {phrase:?} in {:?}",
        run.stderr
    );
}

/// A fatal error in both output formats (the format must not change how it is reported).
fn check_fatal(file: &str, location: &str, phrase: &str) {
    for format in ["text", "json"] {
        let run = specver(&["inspect", file, "--format", format]);
        assert_load_error(&run, location, phrase);
    }
}

#[test]
fn truncated_json_points_at_the_unclosed_string() {
    check_fatal(
        "fixtures/bad/truncated.json",
        "fixtures/bad/truncated.json:12:13",
        "string is not closed",
    );
}

#[test]
fn tab_indentation_is_a_yaml_error_at_the_tab() {
    // saphyr-parser reports a tab in block indentation at the first character after it.
    check_fatal(
        "fixtures/bad/tab-indent.yaml",
        "fixtures/bad/tab-indent.yaml:3:2",
        "tab",
    );
}

#[test]
fn a_yaml_list_is_not_a_document() {
    // The sequence starts at the first `-`, after a comment line.
    check_fatal(
        "fixtures/bad/list.yaml",
        "fixtures/bad/list.yaml:2:1",
        "found array",
    );
}

#[test]
fn json_without_openapi_or_swagger_is_rejected() {
    check_fatal(
        "fixtures/bad/not-openapi.json",
        "fixtures/bad/not-openapi.json:1:1",
        "no `openapi` or `swagger` field",
    );
}

#[test]
fn unknown_openapi_version_points_at_the_version() {
    check_fatal(
        "fixtures/bad/openapi-4.yaml",
        "fixtures/bad/openapi-4.yaml:1:10",
        "unsupported OpenAPI version `4.0.0`",
    );
}

#[test]
fn an_empty_file_is_rejected() {
    check_fatal(
        "fixtures/bad/empty.yaml",
        "fixtures/bad/empty.yaml:1:1",
        "empty file",
    );
}

#[test]
fn a_binary_file_is_rejected() {
    // The first NUL byte: after `\x89PNG\r\n\x1a\n`, at the start of the third line.
    check_fatal(
        "fixtures/bad/binary.png",
        "fixtures/bad/binary.png:3:1",
        "binary file",
    );
}

#[test]
fn a_missing_file_or_directory_is_rejected() {
    check_fatal(
        "fixtures/bad/no-such-file.yaml",
        "fixtures/bad/no-such-file.yaml",
        "no such file",
    );
    check_fatal("fixtures/bad", "fixtures/bad", "is a directory");
}

#[test]
fn a_ref_to_a_missing_file_is_reported_at_the_ref() {
    let run = specver(&["inspect", "fixtures/bad/missing-ref.yaml"]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    assert!(
        run.stdout.contains("fixtures/bad/missing-ref.yaml:14:23"),
        "report:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("unresolved-ref"), "{}", run.stdout);
    assert!(run.stdout.contains("./missing.yaml"), "{}", run.stdout);

    let run = specver(&[
        "inspect",
        "fixtures/bad/missing-ref.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "unresolved-ref");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "fixtures/bad/missing-ref.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(14), Some(23))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(14), Some(37))
    );
    assert_eq!(
        d["pointer"],
        "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"
    );
}

#[test]
fn a_ref_to_a_missing_schema_is_reported_at_the_ref() {
    let run = specver(&[
        "inspect",
        "fixtures/bad/dangling-ref.json",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "unresolved-ref");
    assert_eq!(d["file"], "fixtures/bad/dangling-ref.json");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(12), Some(36))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("#/components/schemas/Nope"),
        "{d:#}"
    );

    let run = specver(&["inspect", "fixtures/bad/dangling-ref.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains("fixtures/bad/dangling-ref.json:12:36"),
        "report:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 error"), "{}", run.stdout);
}

/// A scratch directory for generated inputs, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn json_nested_100000_deep_hits_the_depth_limit() {
    let dir = scratch("bad-input-deep-json");
    let text = format!(
        "{{\"openapi\": \"3.0.3\", \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(dir.join("deep.json"), text).unwrap();
    let run = specver_in(&dir, &["inspect", "deep.json"], None);
    // `{"openapi": "3.0.3", "x": ` is 26 bytes and depth 1; the 1000th `[` is level 1001.
    assert_load_error(
        &run,
        "deep.json:1:1026",
        "nesting deeper than the limit of 1000",
    );
}

#[test]
fn yaml_block_sequences_100000_deep_hit_the_depth_limit() {
    let dir = scratch("bad-input-deep-yaml-block");
    // `- - - ... x`: 100,000 nested block sequences on one line, 200 KB.
    let text = format!("{}x\n", "- ".repeat(100_000));
    std::fs::write(dir.join("deep.yaml"), text).unwrap();
    let run = specver_in(&dir, &["inspect", "deep.yaml"], None);
    // The 1001st sequence starts at its `-`, byte 2000.
    assert_load_error(
        &run,
        "deep.yaml:1:2001",
        "nesting deeper than the limit of 1000",
    );
}

#[test]
fn yaml_flow_sequences_100000_deep_are_refused() {
    let dir = scratch("bad-input-deep-yaml-flow");
    let text = format!("x: {}\n", "[".repeat(100_000));
    std::fs::write(dir.join("deep.yaml"), text).unwrap();
    let run = specver_in(&dir, &["inspect", "deep.yaml"], None);
    // saphyr-parser stops flow nesting itself, at its recursion limit (the 256th `[`).
    assert_load_error(&run, "deep.yaml:1:259", "limit");
}

#[test]
fn a_yaml_alias_bomb_hits_the_expansion_limit() {
    let dir = scratch("bad-input-alias-bomb");
    let mut text = String::from("openapi: 3.0.3\n");
    text.push_str(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .into_iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let items = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    std::fs::write(dir.join("bomb.yaml"), &text).unwrap();
    let run = specver_in(&dir, &["inspect", "bomb.yaml"], None);
    // Expanded, `f` is 597,871 nodes and everything before `g` adds 672,588; the first `*f`
    // in `g` (line 8, column 8) takes the total past 1,000,000.
    assert_load_error(&run, "bomb.yaml:8:8", "1000000");
}

#[test]
fn stdin_is_read_with_dash() {
    let json = std::fs::read(manifest_dir().join("fixtures/petstore.json")).unwrap();
    let run = specver_in(
        manifest_dir(),
        &["inspect", "-", "--format", "json"],
        Some(&json),
    );
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert_eq!(report["spec_version"], "3.0.3");
    assert_eq!(report["paths"], 3);
    assert_eq!(report["operations"], 5);

    let bad = std::fs::read(manifest_dir().join("fixtures/bad/truncated.json")).unwrap();
    let run = specver_in(manifest_dir(), &["inspect", "-"], Some(&bad));
    assert_load_error(&run, "<stdin>:12:13", "string is not closed");

    let run = specver_in(manifest_dir(), &["inspect", "-"], Some(b""));
    assert_load_error(&run, "<stdin>:1:1", "empty file");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_git_revision_is_read_with_its_refs_from_the_same_revision() {
    let repo = scratch("bad-input-git-rev");
    std::fs::create_dir_all(repo.join("api")).unwrap();
    std::fs::write(
        repo.join("api/openapi.yaml"),
        "openapi: 3.0.3\n\
         info:\n  title: Two files\n  version: 1.0.0\n\
         paths:\n  /pets:\n    $ref: './paths.yaml#/pets'\n",
    )
    .unwrap();
    let committed_paths = "pets:\n  get:\n    responses:\n      '200':\n        description: OK\n\
                           \x20 post:\n    responses:\n      '201':\n        description: Created\n";
    std::fs::write(repo.join("api/paths.yaml"), committed_paths).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "two-file spec"]);

    // The working copy now differs: one operation only, and a broken reference.
    std::fs::write(
        repo.join("api/paths.yaml"),
        "pets:\n  get:\n    responses:\n      '200':\n        $ref: '#/nowhere'\n",
    )
    .unwrap();

    let at_head = specver_in(
        &repo,
        &["inspect", "HEAD:api/openapi.yaml", "--format", "json"],
        None,
    );
    assert_eq!(at_head.code, 0, "stderr:\n{}", at_head.stderr);
    let report: serde_json::Value = serde_json::from_str(&at_head.stdout).expect("JSON");
    assert_eq!(report["files"], 2, "{report:#}");
    assert_eq!(
        report["operations"], 2,
        "the revision's paths.yaml: {report:#}"
    );
    assert_eq!(report["diagnostics"], serde_json::json!([]));

    // From a subdirectory, the path is relative to it, as git itself reads `REV:./path`.
    let from_sub = specver_in(
        &repo.join("api"),
        &["inspect", "HEAD:./openapi.yaml", "--format", "json"],
        None,
    );
    assert_eq!(from_sub.code, 0, "stderr:\n{}", from_sub.stderr);

    let working = specver_in(
        &repo,
        &["inspect", "api/openapi.yaml", "--format", "json"],
        None,
    );
    assert_eq!(working.code, 2, "stderr:\n{}", working.stderr);
    let report: serde_json::Value = serde_json::from_str(&working.stdout).expect("JSON");
    assert_eq!(report["operations"], 1, "{report:#}");
    assert_eq!(report["diagnostics"][0]["code"], "unresolved-ref");
    assert_eq!(report["diagnostics"][0]["file"], "api/paths.yaml");

    // A revision that does not exist.
    let run = specver_in(&repo, &["inspect", "nope:api/openapi.yaml"], None);
    assert_load_error(&run, "nope:api/openapi.yaml", "not a git revision");
}

/// A FIFO at `dir/name` (nobody ever writes to it: reading it would block forever).
fn fifo(dir: &Path, name: &str) -> Option<PathBuf> {
    let path = dir.join(name);
    let made = Command::new("mkfifo")
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("skipping the FIFO cases: mkfifo is not available");
    }
    made.then_some(path)
}

#[test]
fn devices_and_fifos_are_refused_not_read_forever() {
    let dir = scratch("devices");
    let fifo = fifo(&dir, "pipe.yaml");
    let petstore = manifest_dir().join("fixtures/petstore.yaml");
    let petstore = petstore.to_str().unwrap();
    let mut sources = vec!["/dev/zero".to_string()];
    sources.extend(fifo.iter().map(|f| f.to_string_lossy().into_owned()));
    for source in &sources {
        // As the spec itself.
        let run = specver(&["inspect", source]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.starts_with("error: ")
                && run.stderr.contains(&format!(
                    "{}: not a regular file",
                    Path::new(source).file_name().unwrap().to_string_lossy()
                )),
            "{}",
            run.stderr
        );
        // As every settings-like file a command reads.
        for args in [
            vec!["diff", petstore, petstore, "--config", source],
            vec!["diff", petstore, petstore, "--severity-levels", source],
            vec!["lint", petstore, "--ruleset", source],
        ] {
            let run = specver(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("not a regular file"),
                "{args:?}: {}",
                run.stderr
            );
        }
        // Through a `$ref` (a diagnostic at the ref) and a ruleset `extends`.
        let spec = dir.join("ref-to-device.yaml");
        std::fs::write(
            &spec,
            format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n\
                 components:\n  schemas:\n    A: {{$ref: '{source}'}}\n"
            ),
        )
        .unwrap();
        let spec = spec.to_str().unwrap();
        let run = specver(&["inspect", spec, "--ref-root", "/"]);
        assert!(
            run.stdout.contains("not a regular file"),
            "$ref to {source}: {}",
            run.stdout
        );
        let ruleset = dir.join("extends-device.yaml");
        std::fs::write(&ruleset, format!("extends: ['{source}']\n")).unwrap();
        let run = specver(&["lint", petstore, "--ruleset", ruleset.to_str().unwrap()]);
        assert_eq!(run.code, 2, "extends {source}: {}", run.stderr);
        // A device outside the project is refused for being outside it, before any read.
        assert!(
            run.stderr.contains("not a regular file") || run.stderr.contains("cannot extend"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn rulesets_may_share_a_base_but_not_extend_themselves() {
    let dir = scratch("diamond");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write(
        "base.yaml",
        "rules:\n  info-title:\n    given: $.info\n    then: {field: title, function: truthy}\n",
    );
    write("l.yaml", "extends: [./base.yaml]\n");
    write("r.yaml", "extends: [./base.yaml]\n");
    write("a.yaml", "extends: [./l.yaml, ./r.yaml]\n");
    write("loop.yaml", "extends: [./loop2.yaml]\n");
    write("loop2.yaml", "extends: [./loop.yaml]\n");
    let petstore = manifest_dir().join("fixtures/petstore.yaml");
    let petstore = petstore.to_str().unwrap();
    let run = specver(&[
        "lint",
        petstore,
        "--ruleset",
        dir.join("a.yaml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = specver(&[
        "lint",
        petstore,
        "--ruleset",
        dir.join("loop.yaml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("extends itself"), "{}", run.stderr);
}

/// A spec whose request body reaches `{type: string, maxLength: max}` through `hops` plain
/// `$ref`s in a row.
fn ref_chain_spec(hops: usize, max: u32) -> String {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: chain, version: '1'}\npaths:\n  /a:\n    post:\n      \
         requestBody:\n        content:\n          application/json:\n            schema: \
         {$ref: '#/components/schemas/S0'}\n      responses:\n        '200': {description: ok}\n\
         components:\n  schemas:\n",
    );
    for i in 0..hops {
        text.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    text.push_str(&format!(
        "    S{hops}: {{type: string, maxLength: {max}}}\n"
    ));
    text
}

#[test]
fn long_ref_chains_are_followed_to_the_end() {
    let dir = scratch("ref-chain");
    for hops in [63, 64, 200, 5_000] {
        let base = dir.join(format!("base-{hops}.yaml"));
        let rev = dir.join(format!("rev-{hops}.yaml"));
        std::fs::write(&base, ref_chain_spec(hops, 10)).unwrap();
        std::fs::write(&rev, ref_chain_spec(hops, 5)).unwrap();
        let (base, rev) = (base.to_str().unwrap(), rev.to_str().unwrap());
        let run = specver(&["breaking", base, rev, "--format", "json"]);
        assert_eq!(run.code, 1, "{hops} hops: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("request-body-max-length-decreased"),
            "{hops} hops: {}",
            run.stdout
        );
        let run = specver(&["inspect", rev]);
        assert_eq!(run.code, 0, "{hops} hops: {}", run.stdout);
        assert!(!run.stdout.contains("never reaches"), "{}", run.stdout);
    }
}

#[test]
fn a_ref_loop_is_reported_not_followed_forever() {
    let dir = scratch("ref-loop");
    let spec = dir.join("loop.yaml");
    std::fs::write(
        &spec,
        ref_chain_spec(3, 1).replace(
            "S3: {type: string, maxLength: 1}",
            "S3: {$ref: '#/components/schemas/S1'}",
        ),
    )
    .unwrap();
    let run = specver(&["inspect", spec.to_str().unwrap()]);
    assert!(run.stdout.contains("loop of references"), "{}", run.stdout);
}

#[test]
fn snippets_of_a_minified_document_are_windows_not_the_whole_line() {
    // One line of about 1 MB, with a lint finding in every operation.
    let ops: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                "\"/p{i}\":{{\"get\":{{\"operationId\":\"op{i}\",\"x-pad\":\"{}\",\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}",
                "z".repeat(400)
            )
        })
        .collect();
    let text = format!(
        "{{\"openapi\":\"3.0.3\",\"info\":{{\"title\":\"t\",\"version\":\"1\"}},\"paths\":{{{}}}}}",
        ops.join(",")
    );
    let dir = scratch("minified");
    let spec = dir.join("min.json");
    std::fs::write(&spec, &text).unwrap();
    let run = specver(&["lint", spec.to_str().unwrap()]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        run.stdout.matches("operation-description").count() >= 2_000,
        "{}",
        &run.stdout[..run.stdout.len().min(2_000)]
    );
    let longest = run.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 600, "a snippet line of {longest} bytes");
    // The places printed are the real ones: line 1, the column of the 1000th operation.
    let at = text.find("{\"operationId\":\"op999\"").unwrap();
    let column = text[..at].chars().count() + 1;
    assert!(
        run.stdout.contains(&format!("min.json:1:{column}\n")),
        "no finding at 1:{column}"
    );
}

#[test]
fn refs_cannot_escape_the_ref_root() {
    let dir = scratch("escape");
    let root = dir.join("root");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(dir.join("secret.yaml"), "Secret: {type: string}\n").unwrap();
    let linked = root.join("link.yaml");
    let _ = std::fs::remove_file(&linked);
    let symlinked = std::os::unix::fs::symlink(dir.join("secret.yaml"), &linked).is_ok();
    // A directory inside the root that is a link to one outside it.
    let linked_dir = root.join("linkdir");
    let _ = std::fs::remove_file(&linked_dir);
    let dir_symlinked = std::os::unix::fs::symlink(&dir, &linked_dir).is_ok();
    let mut refs = vec![
        "../secret.yaml#/Secret",
        "%2e%2e/secret.yaml#/Secret",
        "./sub/../../secret.yaml#/Secret",
    ];
    if symlinked {
        refs.push("./link.yaml#/Secret");
    }
    if dir_symlinked {
        refs.push("./linkdir/secret.yaml#/Secret");
    }
    let schemas: String = refs
        .iter()
        .enumerate()
        .map(|(i, r)| format!("    S{i}: {{$ref: '{r}'}}\n"))
        .collect();
    let spec = root.join("openapi.yaml");
    std::fs::write(
        &spec,
        format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"),
    )
    .unwrap();
    let run = specver(&[
        "inspect",
        spec.to_str().unwrap(),
        "--ref-root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let outside = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("outside the allowed directory"))
        })
        .count();
    assert_eq!(outside, refs.len(), "{:#}", report["diagnostics"]);
}
