fn main() {
    println!("meshlab {}", env!("CARGO_PKG_VERSION"));
}
