"""This app's part of `kyodo demo` (see kyodo/core/demo.py)."""


def load_demo() -> None:
    """Idempotent: running it twice leaves the same data."""
