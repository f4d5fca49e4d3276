"""Text normalisation shared by every loader: typography and whitespace, never meaning."""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2015": "\u2014",  # horizontal bar → em dash
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
    }
)
_SPACED_EN_DASH = re.compile(r"(?<=\S) +[\u2013-] +(?=\S)")
_DOUBLE_HYPHEN = re.compile(r" *(?<!-)-{2,3}(?!-) *")
_SPACES = re.compile(r" {2,}")
_BLANK_LINE = re.compile(r"\n[ ]*\n")


def normalize_inline(text: str) -> str:
    """Return one line of text with typographic quotes, dashes and spaces made uniform."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = " ".join(text.splitlines())  # a title or tag is one line, whatever it contained
    text = _DOUBLE_HYPHEN.sub("\u2014", text)
    # A spaced hyphen or en dash between words is a dash of punctuation; "1990–95" is a range
    # and keeps its en dash because it has no spaces around it.
    text = _SPACED_EN_DASH.sub(" \u2014 ", text)
    return _SPACES.sub(" ", text).strip()


def normalize_text(text: str) -> str:
    """Return ``text`` as paragraphs separated by one blank line, each on one line.

    A text with blank lines uses them as paragraph breaks (single newlines are soft wraps);
    a text without any blank line has one paragraph per line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    if _BLANK_LINE.search(text.strip()):
        blocks = _BLANK_LINE.split(text)
        paragraphs = [normalize_inline(" ".join(block.split("\n"))) for block in blocks]
    else:
        paragraphs = [normalize_inline(line) for line in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p)


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")
# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)


def slugify(name: str, fallback: str = "document") -> str:
    """Return a URL-safe slug: ASCII lower case, words joined by hyphens (``fallback`` when
    nothing of the name is left)."""
    name = name.translate(_TRANSLITERATE)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_STRIP.sub("-", ascii_name.lower()).strip("-")
    return slug[:80].strip("-") or fallback
