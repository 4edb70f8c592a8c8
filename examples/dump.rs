fn main() {
    let arg = std::env::args().nth(1).unwrap();
    let t = std::time::Instant::now();
    let ws = specver::load::Workspace::load_arg(&arg, &Default::default()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let t1 = t.elapsed();
    let (api, probs) = specver::model::build(&ws);
    let t2 = t.elapsed();
    println!(
        "files {} paths {} ops {} schemas {} arena {} load-diags {} model-diags {} load {:?} total {:?}",
        ws.files().len(),
        api.paths.len(),
        api.operations().count(),
        api.component_schemas.len(),
        api.schemas.len(),
        ws.diagnostics.len(),
        probs.len(),
        t1,
        t2
    );
    for d in ws.diagnostics.iter().chain(&probs).take(8) {
        let p = d.primary.as_ref().map(|l| ws.position(l.location));
        println!(
            "  {} {} {:?}",
            d.code,
            d.message,
            p.map(|p| format!("{}:{}:{} {}", p.file, p.line, p.column, p.pointer))
        );
    }
    if std::env::args().nth(2).as_deref() == Some("files") {
        for f in ws.files() {
            println!("F {}", f.name);
        }
        return;
    }
    if std::env::args().nth(2).is_some() {
        println!(
            "{}",
            serde_json::to_string_pretty(&specver::model::canonical_json(&api)).unwrap()
        );
    }
}
#[allow(dead_code)]
fn unused() {}
