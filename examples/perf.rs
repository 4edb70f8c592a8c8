use std::time::Instant;
fn best<F: FnMut()>(mut f: F) -> f64 {
    let mut b = f64::MAX;
    for _ in 0..15 {
        let t = Instant::now();
        f();
        b = b.min(t.elapsed().as_secs_f64() * 1e3);
    }
    b
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let serde = best(|| {
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        std::hint::black_box(v);
    });
    let tree = best(|| {
        let p = specver::tree::json::parse(&text, &Default::default()).unwrap();
        std::hint::black_box(p);
    });
    let load = best(|| {
        let ws = specver::load::Workspace::load_bytes(
            specver::load::FileLocation::Path(path.clone().into()),
            bytes.clone(),
            &Default::default(),
        )
        .unwrap();
        std::hint::black_box(ws);
    });
    let ws = specver::load::Workspace::load_bytes(
        specver::load::FileLocation::Path(path.clone().into()),
        bytes.clone(),
        &Default::default(),
    )
    .unwrap();
    let model = best(|| {
        let m = specver::model::build(&ws);
        std::hint::black_box(m);
    });
    println!(
        "serde {serde:.1}ms tree {tree:.1}ms load {load:.1}ms model {model:.1}ms  (load+model)/serde = {:.2}",
        (load + model) / serde
    );
}
