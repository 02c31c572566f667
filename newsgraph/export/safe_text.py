"""Article-derived strings made safe for where they go: a terminal, a JSON line, a TSV cell.

Articles come from the web, so a title or URL may carry terminal escape sequences
(an OSC sequence can retitle a window, write the clipboard or forge a link),
line separators that break a tab-separated row, or a leading `=` that a
spreadsheet runs as a formula. Nothing here imports more than `re`: every
command uses it, and start-up time matters.
"""
from __future__ import annotations

import re

# ESC sequences, payload included, so no fragment of one is left behind: OSC, DCS, SOS,
# PM and APC strings (ended by BEL or ST; a line end stops an unended one, so the rest
# of an article stays visible), CSI sequences, then any other escape. C1 controls are
# removed one by one below: a stray U+009D is common mojibake, not a string to swallow.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 controls other than tab and newline, DEL and the C1 controls
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Everything that ends a line for some reader (str.splitlines splits on all of these),
# every other control character, and the tab that separates cells
_CELL_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# What spreadsheets (Excel, LibreOffice, Google Sheets) start a formula with
_FORMULA_START = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# JSON leaves DEL and C1 controls raw when ensure_ascii is off; \u escapes keep them
# as data without handing them to a terminal
_JSON_CONTROL_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def for_terminal(text: str) -> str:
    """`text` without escape sequences or control characters (newline and tab are kept)."""
    return _TERMINAL_CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def json_for_terminal(dumped: str) -> str:
    """A `json.dumps(..., ensure_ascii=False)` result with DEL and C1 controls \\u-escaped:
    the same JSON value, safe to print."""
    return dumped.translate(_JSON_CONTROL_ESCAPES)


def tsv_cell(value: object) -> str:
    """One cell of a tab-separated file: nothing in it ends the row or the cell, and
    text that a spreadsheet would run as a formula is prefixed with an apostrophe.
    A plain number (-1.5, -33.8650) is left as it is: it is not a formula."""
    if value is None:
        return ""
    cell = _CELL_BREAK.sub(" ", str(value))
    return neutralise_formula(cell)


def neutralise_formula(cell: str) -> str:
    # leading blanks do not stop some spreadsheets from reading a formula
    start = cell.lstrip(" ")
    if len(start) > 1 and start.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(start):
        return "'" + cell
    return cell
