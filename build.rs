//! Links libsonic statically: espeak-ng (built by `espeak-rs-sys`) finds the system's sonic at
//! configure time and calls it, but the sys crate does not tell cargo to link it. Linking the
//! static archive keeps the binary free of a run-time dependency on `libsonic.so`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux") {
        for dir in [
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib",
            "/usr/local/lib",
        ] {
            if std::path::Path::new(dir).join("libsonic.a").exists() {
                println!("cargo:rustc-link-search=native={dir}");
                break;
            }
        }
    }
    println!("cargo:rustc-link-lib=static=sonic");
}
