//! Development aid: `cargo run --release --example diffdump BASE REV [N|text]`.
fn main() {
    let a = std::env::args().nth(1).unwrap();
    let b = std::env::args().nth(2).unwrap();
    let t = std::time::Instant::now();
    let wa = specver::load::Workspace::load_arg(&a, &Default::default()).unwrap();
    let wb = specver::load::Workspace::load_arg(&b, &Default::default()).unwrap();
    let (ma, _) = specver::model::build(&wa);
    let (mb, _) = specver::model::build(&wb);
    let t1 = t.elapsed();
    let changes = specver::diff::compare(&ma, &mb);
    let t2 = t.elapsed();
    let mut counts = std::collections::BTreeMap::new();
    for c in &changes {
        *counts.entry(c.level.as_str()).or_insert(0) += 1;
    }
    eprintln!(
        "load+model {:?} total {:?} changes {} {:?}",
        t1,
        t2,
        changes.len(),
        counts
    );
    let mode = std::env::args().nth(3).unwrap_or_else(|| "40".into());
    if mode == "text" {
        let breaking: Vec<_> = changes
            .iter()
            .filter(|c| c.level != specver::rules::changes::Level::Info)
            .cloned()
            .collect();
        let s = specver::report::changes::Sources {
            base: &wa,
            revision: &wb,
        };
        specver::report::changes::render_text(s, &breaking, false, &mut std::io::stdout()).unwrap();
        return;
    }
    for c in changes.iter().take(mode.parse().unwrap_or(40)) {
        let ops: Vec<String> = c
            .operations
            .iter()
            .take(3)
            .map(|o| format!("{} {} ({:?})", o.method.to_uppercase(), o.path, o.direction))
            .collect();
        println!(
            "{:7} {:50} {} [{} ops: {}{}]",
            c.level.as_str(),
            c.id,
            c.message,
            c.operations.len(),
            ops.join(", "),
            if c.operations.len() > 3 { ", ..." } else { "" }
        );
    }
}
