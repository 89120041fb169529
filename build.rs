// The lessons are embedded with include_dir; rebuild when a file is added or removed, not only edited.
fn main() {
    println!("cargo:rerun-if-changed=lessons");
}
