"""Parse and render Japanese committee minutes (会議録) as plain text.

Plain Python on purpose (no Django): the importer, the editor and the tests
all use it without a database.
"""

from ._decisions import decision_of, read_decision
from .model import Appendix, Decision, Entry, Item, Minutes, Secretariat, Section
from .parser import MinutesParseError, parse_entries, parse_layout, parse_minutes
from .render import render_body, render_entries, render_minutes

__all__ = [
    "Appendix",
    "Decision",
    "Entry",
    "Item",
    "Minutes",
    "MinutesParseError",
    "Secretariat",
    "Section",
    "decision_of",
    "parse_entries",
    "parse_layout",
    "parse_minutes",
    "read_decision",
    "render_body",
    "render_entries",
    "render_minutes",
]
