// Lessons and the built-in pack are embedded with include_dir; rebuild when a file is added or
// removed there, not only when one is edited.
fn main() {
    println!("cargo:rerun-if-changed=lessons");
    println!("cargo:rerun-if-changed=exercises");
}
