fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for _ in 0..40 {
        let ws = specver::load::Workspace::load_bytes(
            specver::load::FileLocation::Path(path.clone().into()),
            bytes.clone(),
            &Default::default(),
        )
        .unwrap();
        std::hint::black_box(ws);
    }
}
