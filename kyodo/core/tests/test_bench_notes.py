"""`make bench` rewrites a benchmark's section and keeps the notes written under it by hand."""

from bench.__main__ import main, previous_sections, with_notes

EARLIER = """## pages

Measured 2026-12-06 on 2 cores.

### SQLite

| page | rps |
|---|---:|
| home | 900 |

### Twenty-first session: the confirmation as a form letter

POSTs 210 → 300/s.

### Twentieth session: two round trips

Lock held shorter.
"""

FRESH = """## pages

Measured 2026-12-07 on 2 cores.

### SQLite

| page | rps |
|---|---:|
| home | 1000 |
"""


def test_a_new_section_keeps_the_earlier_notes_after_its_own_tables():
    assert with_notes(FRESH, EARLIER) == (
        "## pages\n\nMeasured 2026-12-07 on 2 cores.\n\n### SQLite\n\n| page | rps |\n"
        "|---|---:|\n| home | 1000 |\n\n"
        "### Twenty-first session: the confirmation as a form letter\n\nPOSTs 210 → 300/s.\n\n"
        "### Twentieth session: two round trips\n\nLock held shorter.\n\n"
    )


def test_without_notes_or_an_earlier_section_the_new_one_is_as_written():
    assert with_notes(FRESH, None) == FRESH
    assert with_notes(FRESH, FRESH.replace("1000", "900")) == FRESH


def test_the_report_rewritten_by_one_benchmark_keeps_notes_and_other_sections(
    tmp_path, monkeypatch
):
    import bench.__main__ as runner

    (tmp_path / "docs").mkdir()
    report = tmp_path / "docs" / "benchmarks.md"
    report.write_text("# Benchmarks\n\n" + EARLIER + "\n## rush\n\nEarlier rush.\n")

    class Pages:
        @staticmethod
        def run():
            return 1000

        @staticmethod
        def markdown(rps):
            return f"### SQLite\n\n| page | rps |\n|---|---:|\n| home | {rps} |"

    monkeypatch.setattr(runner, "ROOT", tmp_path)
    monkeypatch.setattr(runner, "available", lambda: {"pages": Pages, "rush": Pages})
    main(["pages"])
    sections = previous_sections(report)
    assert list(sections) == ["pages", "rush"]
    assert sections["rush"] == "## rush\n\nEarlier rush.\n"
    pages = sections["pages"]
    assert "| home | 1000 |" in pages and "| home | 900 |" not in pages
    assert (
        pages.index("### SQLite")
        < pages.index("### Twenty-first session")
        < pages.index("### Twentieth session")
    )
    assert pages.count("### SQLite") == 1
