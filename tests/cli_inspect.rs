//! `specver inspect` on good inputs: the summary in both formats, the sample fixtures, the
//! reference rules (--ref-root, --allow-url-refs), URL sources, and clap's exit codes.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_specver");

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn specver_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        // Loopback requests in these tests must not go through a proxy.
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("run specver");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "specver {args:?} panicked:\n{stderr}"
    );
    out
}

fn specver(args: &[&str]) -> Output {
    specver_in(manifest_dir(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            stderr(out)
        )
    })
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn json_report_has_exactly_the_documented_fields_in_order() {
    let out = specver(&["inspect", "fixtures/petstore.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    assert_eq!(
        json_report(&out),
        serde_json::json!({
            "spec_version": "3.0.3",
            "spec_family": "3.0",
            "files": 1,
            "paths": 3,
            "operations": 5,
            "schemas": 4,
            "diagnostics": [],
        })
    );
    let text = stdout(&out);
    let keys = [
        "\"spec_version\"",
        "\"spec_family\"",
        "\"files\"",
        "\"paths\"",
        "\"operations\"",
        "\"schemas\"",
        "\"diagnostics\"",
    ];
    let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.is_sorted(), "key order in:\n{text}");
}

#[test]
fn the_json_and_yaml_petstores_are_the_same_api() {
    let yaml = json_report(&specver(&[
        "inspect",
        "fixtures/petstore.yaml",
        "--format",
        "json",
    ]));
    let json = json_report(&specver(&[
        "inspect",
        "fixtures/petstore.json",
        "--format",
        "json",
    ]));
    assert_eq!(yaml, json);
}

#[test]
fn swagger_2_and_openapi_3_1_fixtures_load_cleanly() {
    let out = specver(&[
        "inspect",
        "fixtures/petstore-swagger2.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let report = json_report(&out);
    assert_eq!(report["spec_version"], "2.0");
    assert_eq!(report["spec_family"], "2.0");
    assert_eq!(
        (&report["paths"], &report["operations"], &report["schemas"]),
        (&3.into(), &5.into(), &4.into())
    );
    assert_eq!(report["diagnostics"], serde_json::json!([]));

    let out = specver(&["inspect", "fixtures/petstore-3.1.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let report = json_report(&out);
    assert_eq!(report["spec_version"], "3.1.0");
    assert_eq!(report["spec_family"], "3.1");
    // Two paths with three operations, plus the `newPet` webhook's operation.
    assert_eq!(
        (&report["paths"], &report["operations"], &report["schemas"]),
        (&2.into(), &4.into(), &2.into())
    );
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

#[test]
fn text_report_summarises_the_spec() {
    let out = specver(&["inspect", "fixtures/petstore.yaml"]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "fixtures/petstore.yaml\n",
        "spec version  OpenAPI 3.0.3\n",
        "files         1\n",
        "paths         3\n",
        "operations    5\n",
        "schemas       4\n",
        "no problems found\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    assert_eq!(stderr(&out), "");

    let out = specver(&["inspect", "fixtures/petstore-3.1.yaml"]);
    let text = stdout(&out);
    assert!(text.contains("webhooks      1\n"), "{text}");
    let out = specver(&["inspect", "fixtures/petstore-swagger2.yaml"]);
    assert!(stdout(&out).contains("spec version  Swagger 2.0\n"));
}

#[test]
fn text_report_renders_diagnostics_with_snippets() {
    let out = specver(&["inspect", "fixtures/bad/dangling-ref.json"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("error[unresolved-ref]"), "{text}");
    assert!(
        text.contains("fixtures/bad/dangling-ref.json:12:36"),
        "{text}"
    );
    // The snippet shows the line with the reference.
    assert!(
        text.contains(r##""schema": {"$ref": "#/components/schemas/Nope"}"##),
        "{text}"
    );
    assert!(text.trim_end().ends_with("1 error, 0 warnings"), "{text}");
}

#[test]
fn help_and_version_exit_0_usage_errors_exit_2() {
    for args in [
        &["--help"][..],
        &["--version"],
        &["inspect", "--help"],
        &["help"],
    ] {
        let out = specver(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?} prints to stdout");
    }
    assert!(stdout(&specver(&["--version"])).starts_with("specver "));
    // No subcommand at all: clap shows the help, on stderr, as a usage error.
    let out = specver(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage:"), "{}", stderr(&out));
    for args in [
        &["inspect"][..],
        &["frobnicate"],
        &["inspect", "fixtures/petstore.yaml", "--format", "xml"],
        &["inspect", "fixtures/petstore.yaml", "--no-such-flag"],
        &["inspect", "a.yaml", "b.yaml"],
    ] {
        let out = specver(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error:"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn ref_root_must_be_a_directory() {
    let out = specver(&[
        "inspect",
        "fixtures/petstore.yaml",
        "--ref-root",
        "no/such/dir",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --ref-root no/such/dir: no such directory\n"
    );
}

/// A spec whose `$ref` leaves its own directory: `spec/openapi.yaml` -> `../models/pet.yaml`.
fn two_dir_spec(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::create_dir_all(dir.join("models")).unwrap();
    std::fs::write(
        dir.join("spec/openapi.yaml"),
        "openapi: 3.0.3\n\
         info:\n  title: Outside\n  version: 1.0.0\n\
         paths: {}\n\
         components:\n  schemas:\n    Pet:\n      $ref: '../models/pet.yaml#/Pet'\n",
    )
    .unwrap();
    std::fs::write(dir.join("models/pet.yaml"), "Pet:\n  type: object\n").unwrap();
    dir
}

#[test]
fn ref_root_limits_where_local_refs_may_go() {
    let dir = two_dir_spec("cli-ref-root");
    // Inside this repository's work tree, so the default limit is the work tree: allowed.
    let out = specver_in(&dir, &["inspect", "spec/openapi.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_report(&out)["files"], 2);

    let out = specver_in(
        &dir,
        &[
            "inspect",
            "spec/openapi.yaml",
            "--ref-root",
            "spec",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json_report(&out);
    assert_eq!(report["files"], 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "unresolved-ref");
    assert_eq!(d["file"], "spec/openapi.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(9), Some(13))
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("outside the allowed directory"),
        "{message}"
    );
    assert!(message.contains("--ref-root"), "{message}");

    let out = specver_in(
        &dir,
        &[
            "inspect",
            "spec/openapi.yaml",
            "--ref-root",
            ".",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Serves `files` (path -> body) on a loopback port until dropped; at most a minute.
struct TestServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    fn start(files: Vec<(&'static str, String)>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !stop_flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                let (mut stream, _) = match listener.accept() {
                    Ok(conn) => conn,
                    Err(_) => {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                };
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let request = String::from_utf8_lossy(&request);
                let path = request.split_whitespace().nth(1).unwrap_or("");
                // Hostile endpoints: one that stalls, one far too large, redirects.
                if path == "/slow.yaml" {
                    let _ = stream
                        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nopenapi: ");
                    std::thread::sleep(Duration::from_secs(4));
                    continue;
                }
                if path == "/huge.yaml" {
                    let body = vec![b' '; 3_000_000];
                    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                    continue;
                }
                if let Some(target) = path.strip_prefix("/redirect") {
                    let location = if target == "-loop.yaml" {
                        "/redirect-loop.yaml"
                    } else {
                        target
                    };
                    let _ = stream.write_all(
                        format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes(),
                    );
                    continue;
                }
                let response = match files.iter().find(|(p, _)| *p == path) {
                    Some((_, body)) => format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    ),
                    None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\
                             Connection: close\r\n\r\n"
                        .to_string(),
                };
                let _ = stream.write_all(response.as_bytes());
            }
        });
        TestServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[test]
fn url_sources_and_url_refs() {
    let petstore = std::fs::read_to_string(manifest_dir().join("fixtures/petstore.yaml")).unwrap();
    let root = "openapi: 3.0.3\n\
                info:\n  title: Over HTTP\n  version: 1.0.0\n\
                paths: {}\n\
                components:\n  schemas:\n    Pet:\n      $ref: 'models/pet.yaml#/Pet'\n"
        .to_string();
    let server = TestServer::start(vec![
        ("/petstore.yaml", petstore),
        ("/api/root.yaml", root),
        ("/api/models/pet.yaml", "Pet:\n  type: object\n".to_string()),
    ]);

    let out = specver(&["inspect", &server.url("/petstore.yaml"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_report(&out)["operations"], 5);

    // Relative refs from a URL document are URLs too, followed only when allowed.
    let root_url = server.url("/api/root.yaml");
    let out = specver(&["inspect", &root_url, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = json_report(&out);
    assert_eq!(report["files"], 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "unresolved-ref");
    assert_eq!(d["file"], root_url.as_str());
    assert!(
        d["message"].as_str().unwrap().contains("--allow-url-refs"),
        "{d:#}"
    );

    let out = specver(&["inspect", &root_url, "--allow-url-refs", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_report(&out)["files"], 2);

    // A URL that is not there is a fatal, one-line error.
    let missing = server.url("/nope.yaml");
    let out = specver(&["inspect", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("error: {missing}: ")), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn url_sources_that_stall_overflow_or_redirect() {
    let petstore = std::fs::read_to_string(manifest_dir().join("fixtures/petstore.yaml")).unwrap();
    let server = TestServer::start(vec![("/petstore.yaml", petstore)]);
    // A server that stops sending: the timeout ends the read, with a clear error.
    let started = Instant::now();
    let out = specver(&["inspect", &server.url("/slow.yaml"), "--http-timeout", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the timeout did not hold"
    );
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    // A body past the size limit is refused, not read to the end.
    let out = specver(&[
        "inspect",
        &server.url("/huge.yaml"),
        "--max-file-size",
        "1000000",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    // A redirect is followed; a loop of redirects ends in an error.
    let out = specver(&[
        "inspect",
        &server.url("/redirect/petstore.yaml"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_report(&out)["operations"], 5);
    let out = specver(&["inspect", &server.url("/redirect-loop.yaml")]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    // `specver inspect ... | head -0`: writing the report hits a closed pipe.
    let mut child = Command::new(BIN)
        .args(["inspect", "fixtures/petstore.yaml"])
        .current_dir(manifest_dir())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start specver");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
