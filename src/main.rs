mod cli;

// The build allocates and frees millions of small strings across threads; mimalloc's
// per-thread free lists make that markedly cheaper than the system allocator (docs/benchmarks.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
