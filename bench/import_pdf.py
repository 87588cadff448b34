"""PDF import throughput: pages per second on one core, reading (positions) + parsing.

The PDFs are printed with reportlab like the import tests do (kyodo/minutes_text/tests/pdfmaker.py):
margin line numbers, boxed section headings, 36 lines a page, IPA Gothic embedded. The agenda of
the invented documents is repeated until the document has the wanted number of pages.
"""

from __future__ import annotations

import os
import time

SIZES = (2, 10, 50)
RUNS = 3
GOAL = 20.0  # pages per second


def _document(pages: int):
    from kyodo.minutes_text import Minutes
    from kyodo.minutes_text.tests._gold import DATA_DIR, load_gold
    from kyodo.minutes_text.tests.pdfmaker import LINES_PER_PAGE, STYLES, document_lines

    base = Minutes.from_dict(load_gold(DATA_DIR / "d_fullwidth_space.gold.json"))
    sections = list(base.sections)
    style = STYLES["space"]
    while len(document_lines(base, style)) < pages * LINES_PER_PAGE:
        base.sections = base.sections + sections
    return base


def run() -> dict:
    from kyodo.minutes_text import parse_layout
    from kyodo.minutes_text.pdf import read_pdf
    from kyodo.minutes_text.tests.pdfmaker import font_name, minutes_pdf

    load = os.getloadavg()[0]
    results = []
    for wanted in SIZES:
        data = minutes_pdf(_document(wanted), "space")
        best_read = best_total = best_cpu = float("inf")
        pages = entries = 0
        for _ in range(RUNS):
            cpu = time.process_time()
            started = time.perf_counter()
            read = read_pdf(data)
            middle = time.perf_counter()
            minutes = parse_layout(read.layout)
            finished = time.perf_counter()
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best_read = min(best_read, middle - started)
            best_total = min(best_total, finished - started)
            pages, entries = read.pages, len(minutes.entries())
        results.append(
            {
                "pages": pages,
                "bytes": len(data),
                "entries": entries,
                "read_s": best_read,
                "total_s": best_total,
                "cpu_s": best_cpu,
                "pages_per_s": pages / best_total,
                "pages_per_cpu_s": pages / best_cpu,
            }
        )
    return {"font": font_name(), "runs": RUNS, "sizes": results, "load": load}


def markdown(result: dict) -> str:
    lines = [
        f"Read with positions (pdfminer.six, no layout analysis) and parse, in one single-threaded "
        f"process (one core), best of {result['runs']} runs, load average "
        f"{result['load']:.1f} at the start; PDFs printed by reportlab in {result['font']} with margin numbers "
        f"and boxed headings (kyodo/minutes_text/tests/pdfmaker.py). Goal ≥ {GOAL:.0f} pages/s.",
        "",
        "| pages | PDF size | entries | read s | read + parse s | pages/s | CPU s | pages/CPU s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["sizes"]:
        lines.append(
            f"| {r['pages']} | {r['bytes'] / 1024:.0f} KB | {r['entries']} | {r['read_s']:.3f} "
            f"| {r['total_s']:.3f} | {r['pages_per_s']:.1f} | {r['cpu_s']:.3f} "
            f"| {r['pages_per_cpu_s']:.1f} |"
        )
    slowest = min(r["pages_per_s"] for r in result["sizes"])
    slowest_cpu = min(r["pages_per_cpu_s"] for r in result["sizes"])
    verdict = "meets" if slowest_cpu >= GOAL else "misses"
    lines += [
        "",
        f"Slowest: {slowest:.1f} pages/s by the clock, {slowest_cpu:.1f} pages per CPU second "
        f"(the clock also counts waiting for the shared core) — {verdict} the goal of "
        f"{GOAL:.0f}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(run()))
