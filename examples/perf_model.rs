fn main() {
    let path = std::env::args().nth(1).unwrap();
    let ws = specver::load::Workspace::load_arg(&path, &Default::default()).unwrap();
    for _ in 0..40 {
        let m = specver::model::build(&ws);
        std::hint::black_box(m);
    }
}
