"""Author text made fit for files that are not web pages (calendars, spreadsheets)."""

from __future__ import annotations

import re

# Control characters reach the model through YAML escapes ("\x07" in a quoted string);
# iCalendar text and spreadsheet XML may not contain them. Tab and line breaks stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: object) -> str:
    """`text` as a string without control characters (tab and line breaks are kept)."""
    return _CONTROL.sub("", str(text))
