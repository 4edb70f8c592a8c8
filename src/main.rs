#[cfg(feature = "heap-peak")]
mod heap_peak;

fn main() {
    let code = specver::cli::main();
    #[cfg(feature = "heap-peak")]
    heap_peak::report();
    std::process::exit(code);
}
