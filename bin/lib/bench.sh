# bench pipeline: see README "Benchmark". Filled in below.
BENCH_DEFAULT_EVENTS=400000
cmd_bench() { die "bench: not implemented yet"; }
