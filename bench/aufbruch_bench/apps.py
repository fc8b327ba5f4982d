from django.apps import AppConfig


class AufbruchBenchConfig(AppConfig):
    """Management commands that only the benchmarks use (bench_seed,
    bench_sessions, bench_agenda, meetings_bench_setup). Outside the runtime
    package: installed only with AUFBRUCH_BENCH=1 (bin/bench, bench/*.py)
    and in the test settings, which keep the commands tested."""

    name = "bench.aufbruch_bench"
    label = "aufbruch_bench"
    verbose_name = "Benchmarks"
