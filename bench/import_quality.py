"""Import quality: how well the importer reads the corpus of invented minutes, text and PDF.

The corpus (kyodo/minutes_text/tests/corpus, written by make_corpus.py) holds documents in the
house styles of Japanese public bodies, each with its gold reading. Per document and in total:
entry precision, recall and F1 (section, item, kind, speaker and text must all match), speaker-label
accuracy (gold statements found with the same speaker) and header-field accuracy (title, date,
times, venue, people, closing, agenda …), for the text file and for the PDF printed from it.
"""

from __future__ import annotations

import time


def run() -> dict:
    from kyodo.minutes_text import parse_layout, parse_minutes
    from kyodo.minutes_text.pdf import read_pdf
    from kyodo.minutes_text.tests import corpus

    rows = []
    for name in corpus.names():
        gold = corpus.gold(name)
        started = time.perf_counter()
        text_doc = parse_minutes(corpus.text(name)).to_dict()
        text_s = time.perf_counter() - started
        data = corpus.pdf_of(name)
        started = time.perf_counter()
        read = read_pdf(data)
        pdf_doc = parse_layout(read.layout).to_dict()
        pdf_s = time.perf_counter() - started
        rows.append(
            {
                "name": name,
                "entries": len(corpus.entry_keys(gold)),
                "pages": read.pages,
                "text": corpus.score(text_doc, gold),
                "pdf": corpus.score(pdf_doc, gold),
                "text_s": text_s,
                "pdf_s": pdf_s,
            }
        )
    return {"rows": rows}


def _cells(score) -> str:
    return (
        f"{score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} | "
        f"{score.label_accuracy:.3f} | {score.header_accuracy:.3f} | "
        f"{'yes' if score.date_right else 'no'}"
    )


def markdown(result: dict) -> str:
    rows = result["rows"]
    lines = [
        f"{len(rows)} invented documents (kyodo/minutes_text/tests/corpus), each read from its text "
        "file and from a PDF printed from it (margin numbers left, right or none, footers, boxed "
        "headings). P/R/F1 over entries (section, item, kind, speaker, text after NFKC without "
        "white space); labels: gold statements read with their speaker; header: share of header "
        "fields equal to the gold.",
        "",
        "| document | entries | pages | form | P | R | F1 | labels | header | date |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    total = {"text": None, "pdf": None}
    for row in rows:
        for form in ("text", "pdf"):
            score = row[form]
            total[form] = score if total[form] is None else total[form] + score
            lines.append(
                f"| {row['name']} | {row['entries']} | {row['pages']} | {form} | {_cells(score)} |"
            )
    for form in ("text", "pdf"):
        lines.append(f"| **total** | | | {form} | {_cells(total[form])} |")
    worst = min(min(row["text"].f1, row["pdf"].f1) for row in rows)
    lines += ["", f"Lowest entry F1 of any document in either form: {worst:.3f} (goal ≥ 0.98)."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(run()))
