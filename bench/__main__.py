"""Run every benchmark and write docs/benchmarks.md (`make bench`, or `python -m bench [names]`)."""

from __future__ import annotations

import datetime
import sys

from bench import pages
from bench.common import ROOT, machine

BENCHMARKS = {"pages": pages}


def main(argv: list[str]) -> None:
    names = argv or list(BENCHMARKS)
    sections = []
    for name in names:
        module = BENCHMARKS[name]
        print(f"running {name} …", flush=True)
        sections.append(f"## {name}\n\n{module.markdown(module.run())}\n")
    command = "make bench" if not argv else f".venv/bin/python -m bench {' '.join(argv)}"
    report = "\n".join(
        [
            "# Benchmarks",
            "",
            f"Measured {datetime.date.today().isoformat()} on {machine()}.",
            f"Reproduce with `{command}` from the repository root. Ratios compare numbers taken "
            "in the same run; the machines are shared, so absolute numbers vary between runs.",
            "",
            *sections,
        ]
    )
    (ROOT / "docs" / "benchmarks.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
