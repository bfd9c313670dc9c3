mod cli;

// The build allocates and frees millions of small strings across threads; mimalloc's
// per-thread free lists make that markedly cheaper than the system allocator (docs/benchmarks.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Transparent huge pages cost more than they save here: the kernel zeroed 2 MB pages for
    // short-lived buffers, a fifth of a 10,000-document build's CPU time (docs/benchmarks.md).
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only changes this process's policy.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    cli::main()
}
