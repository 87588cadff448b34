"""Run every benchmark and write docs/benchmarks.md (`make bench`, or `python -m bench [names]`)."""

from __future__ import annotations

import datetime
import importlib
import os
import sys

from bench.common import ROOT, machine

# Each benchmark is a module of this package with run() -> results and markdown(results) -> str,
# listed here in the order the report shows them.
BENCHMARK_NAMES = [
    "pages", "hosts", "rush", "reports", "faults", "search", "search_http", "import_pdf", "import_quality",
]  # fmt: skip


def available() -> dict:
    modules = {}
    for name in BENCHMARK_NAMES:
        if (ROOT / "bench" / f"{name}.py").exists():
            modules[name] = importlib.import_module(f"bench.{name}")
    return modules


def previous_sections(path) -> dict[str, str]:
    """The sections of an earlier report, by benchmark name, so one benchmark can be re-run alone."""
    if not path.exists():
        return {}
    sections: dict[str, str] = {}
    name = None
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith("## "):
            name = line[3:].split()[0]
            sections[name] = ""
        if name:
            sections[name] += line
    return sections


def subsections(section: str) -> list[tuple[str, str]]:
    """A section's ``### `` subsections as (heading, text), in order; the text before the first
    is left out."""
    parts: list[tuple[str, str]] = []
    for line in section.splitlines(keepends=True):
        if line.startswith("### "):
            parts.append((line[4:].strip(), ""))
        if parts:
            heading, text = parts[-1]
            parts[-1] = (heading, text + line)
    return parts


def with_notes(fresh: str, earlier: str | None) -> str:
    """A benchmark's new section followed by the notes of the earlier one: each ``### ``
    subsection the benchmark did not write again (a session's measurements and reasoning,
    written by hand under the generated tables), in their order."""
    if not earlier:
        return fresh
    written = {heading for heading, _ in subsections(fresh)}
    notes = [text for heading, text in subsections(earlier) if heading not in written]
    if not notes:
        return fresh
    return fresh.rstrip("\n") + "\n\n" + "".join(note.rstrip("\n") + "\n\n" for note in notes)


def main(argv: list[str]) -> None:
    benchmarks = available()
    names = argv or list(benchmarks)
    unknown = sorted(set(names) - set(benchmarks))
    if unknown:
        sys.exit(f"unknown benchmark: {', '.join(unknown)} (known: {', '.join(benchmarks)})")
    path = ROOT / "docs" / "benchmarks.md"
    sections: dict[str, str] = {}
    today = datetime.date.today().isoformat()
    for name in names:
        module = benchmarks[name]
        print(f"running {name} …", flush=True)
        # The BENCH_* variables that were set are part of the command that reproduces it.
        settings = " ".join(
            f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_")
        )
        command = f"{settings} .venv/bin/python -m bench {name}".strip()
        sections[name] = (
            f"## {name}\n\nMeasured {today} on {machine()} with `{command}` "
            f"(all of them: `make bench`).\n\n{module.markdown(module.run())}\n"
        )
    # Read the earlier report only now: another benchmark may have rewritten it meanwhile.
    earlier = previous_sections(path)
    sections = earlier | {
        name: with_notes(section, earlier.get(name)) for name, section in sections.items()
    }
    ordered = [sections[name].strip() + "\n" for name in BENCHMARK_NAMES if name in sections]
    report = "\n".join(
        [
            "# Benchmarks",
            "",
            "Run from the repository root. Each section says when, where and with which command it "
            "was measured. Ratios compare numbers taken in the same run; the machines are shared, "
            "so absolute numbers vary between runs.",
            "",
            *ordered,
        ]
    )
    path.write_text(report)
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
