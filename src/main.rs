fn main() {
    std::process::exit(specver::cli::main());
}
