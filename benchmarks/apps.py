from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Benchmark and fuzz commands (`manage.py <x>_benchmark`); product code never imports them."""

    name = "benchmarks"
    label = "benchmarks"
