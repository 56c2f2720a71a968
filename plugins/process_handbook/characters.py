"""Which characters a process file may hold, and how output shows the ones it may not.

Two kinds of character are refused wherever they are written (text, keys, file
and folder names), because nobody can see them and they change what a reader sees:

* control characters: C0 and C1 controls other than tab, line feed and carriage
  return, DEL, the line and paragraph separators U+2028/U+2029 (libyaml counts them
  as line breaks, editors do not: every line number after them would be wrong) and
  the non-characters U+FFFE/U+FFFF;
* invisible format characters (Unicode category Cf): the bidirectional controls
  that reverse displayed text (U+202A-202E, U+2066-2069, U+200E/U+200F, U+061C),
  zero-width spaces and joiners of words, the soft hyphen, a byte order mark
  inside the text, interlinear annotations and the tag characters (U+E0000 block)
  that can smuggle unseen text.

Format characters some writing systems need stay allowed: the zero-width joiner and
non-joiner U+200D/U+200C (Persian, Indic scripts, emoji sequences), the prepended
concatenation marks of Arabic, Syriac and Kaithi (U+0600-0605, U+06DD, U+070F,
U+0890-0891, U+08E2, U+110BD, U+110CD: they are visible) and the Egyptian
hieroglyph format controls (U+13430-1343F).
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
#: A control character (see the module text).
CONTROL = re.compile(f"[{_CONTROLS}]")
#: A refused character of either kind.
FORBIDDEN = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
#: What output escapes: the refused characters, and tab and line breaks (one line per finding).
_UNPRINTABLE = re.compile(f"[\t\n\r{_CONTROLS}{_INVISIBLE}]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
#: What a reader cannot see or tell from a space, besides line feeds: the refused characters,
#: tab and carriage return, the joiners, the line and paragraph separators, and every space but
#: U+0020 (no-break, ideographic, ...). Examples of mistakes show them by name (`visible`).
HIDDEN = re.compile(
    f"[\t\r{_CONTROLS}{_INVISIBLE}\u200c\u200d\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)


def problem(text: str) -> re.Match[str] | None:
    """The first refused character in `text`, if any."""
    return FORBIDDEN.search(text)


def name_problem(name: str) -> re.Match[str] | None:
    """The first character a file or folder name may not hold: a refused one, a tab or a line
    break (a name is printed on one line, in a CI log too)."""
    return _UNPRINTABLE.search(name)


def kind(character: str) -> tuple[bool, str]:
    """Whether a refused character is a control character (else an invisible formatting one),
    and how a message names it."""
    code = f"U+{ord(character):04X}"
    if character in _SHORT:
        return True, f"a line break or tab ({code})"
    if CONTROL.match(character):
        return True, f"invisible control character {code}"
    name = unicodedata.name(character, "").lower()
    return False, f"invisible formatting character {code}" + (f" ({name})" if name else "")


def printable(text: str) -> str:
    """`text` with every refused character, tab and line break written as an escape (`\\n`,
    `\\u202e`): output shows it on one line, and nothing in it can reverse the text, start
    a new line in a CI log or drive a terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _SHORT.get(m[0]) or _escape(m[0]), text)


def visible(text: str) -> str:
    """`text` with every `HIDDEN` character written as its code point, `⟨U+200B⟩`: an example
    of a mistake shows where the invisible character is."""
    return HIDDEN.sub(lambda m: f"⟨U+{ord(m[0]):04X}⟩", text)


def _escape(character: str) -> str:
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


#: How much of a value a message quotes: enough to recognise it, never a file's content.
TOKEN_LENGTH = 60


def token(text: str) -> str:
    """A value as a message quotes it: printable, and cut after TOKEN_LENGTH characters."""
    shown = printable(text)
    return shown if len(shown) <= TOKEN_LENGTH else shown[: TOKEN_LENGTH - 1] + "…"
