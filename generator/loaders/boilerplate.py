"""Lines and sentences that are site furniture, not the document's statements.

A saved web page brings its furniture along: "Read more: …" links, photo credits, "Editing
by …", "© Reuters 2020", newsletter prompts, a lone quotation mark, the headline again. Each
kind is one entry of ``KINDS``; a paragraph is split into rough sentences and each sentence
that is furniture is set aside with the kind's reason. Set-aside text never reaches the
analysis, and the document lists it (``Document.set_aside``), so nothing is silently lost.

The patterns are deliberately narrow: a sentence is furniture when it *starts* as furniture
does ("Read more:", "Editing by", "Subscribe now") or is nothing else (a credit in brackets,
a bare link), and is short. On the 344 news articles of ../shared/eval (5,678 paragraphs of
text meant to be clean; benchmarks/extraction.py) they set aside 43 lines, every one of them
furniture the articles still carried (share widgets, a newsletter prompt, stray quotes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.loaders.metadata import dateline, read_dateline
from generator.types import SetAside

Rule = Callable[[str], bool]


_LEAD = r"^[^\w\"']{0,3}"
"""Furniture may open with a bullet, a bracket or a dash, never a quotation mark: quoted
speech ("Don't miss this chance," he said) is a statement."""


def _starts(*phrases: str, flags: int = re.IGNORECASE) -> Rule:
    """Return a rule matching sentences that begin with one of ``phrases`` (a regex each)."""
    pattern = re.compile(_LEAD + r"(?:" + "|".join(phrases) + r")", flags)
    return lambda sentence: bool(pattern.search(sentence))


def _whole(*patterns: str, flags: int = re.IGNORECASE) -> Rule:
    """Return a rule matching sentences that are entirely one of ``patterns``."""
    pattern = re.compile(_LEAD + r"(?:" + "|".join(patterns) + r")\W{0,3}$", flags)
    return lambda sentence: bool(pattern.search(sentence))


def _any(*rules: Rule) -> Rule:
    return lambda sentence: any(rule(sentence) for rule in rules)


def _lone_punctuation(sentence: str) -> bool:
    return not any(ch.isalnum() for ch in sentence)


_LINK_LABEL = (
    # English, then the labels of the other languages trafilatura's pages come in.
    r"read (?:more|also|next|this|the full)\b",
    r"also read\b",
    r"see also\b",
    r"related(?: (?:articles?|stories|content|coverage|reading|topics|posts?|news))?\s*(?::|$)",
    r"more (?:on|from|about) (?:this|the)\b.{0,40}:",
    r"recommended(?: for you)?\s*(?::|$)",
    r"further reading\b",
    r"click here\b",
    r"(?:watch|listen|video|gallery|explainer|opinion)\s*:",
    r"[àa] lire (?:aussi|[ée]galement)\b",
    r"lire aussi\b",
    r"voir aussi\b",
    r"lesen sie (?:auch|mehr)\b",
    r"mehr zum thema\b",
    r"auch interessant\b",
    r"lee (?:tambi[ée]n|m[áa]s)\b",
    r"leer m[áa]s\b",
    r"contenido relacionado\b",
    r"art[íi]culos? relacionados?\b",
    r"noticias relacionadas\b",
    r"leia (?:mais|tamb[ée]m)\b",
    r"leggi anche\b",
)
_BARE_LINK = (
    r"(?:https?://|www\.)\S+",
    r"pic\.twitter\.com/\S+",
    r"\S+\.(?:com|org|net|co\.uk)/\S*",
)
_BY_NAME = r"by (?-i:[A-Z])"
"""A credit names someone: "Photo by Jane Roe", never "Pictures by the artist sold …"."""
_CREDIT = (
    r"\(?(?:photo|photograph|picture|image|illustration|graphic|video|credit|source)s?"
    rf"(?: credit)?s?\s*(?::|{_BY_NAME})",
    r"\((?:credit|photo|image|picture|illustration)\b",
    r"image (?:copyright|caption)\b",
    rf"(?:additional )?reporting {_BY_NAME}",
    rf"(?:writing|editing|edited|compiled|produced|translated|fact-checked) {_BY_NAME}",
    rf"with (?:additional )?reporting (?:{_BY_NAME}|from (?-i:[A-Z]))",
)
_CREDIT_WHOLE = (
    # "Getty Images", "AFP/Getty Images", "AP Photo/John Doe", "Reuters/Jane Roe"
    r"(?:[\w.'-]+ ?/ ?)?(?:getty images|shutterstock|istock(?:photo)?|alamy|"
    r"ap photo|afp|reuters|epa|ap|pa(?: wire| media)?)(?: ?/ ?[\w.' -]{2,40})?",
    # an embedded post's attribution: "— Dave Schukin (@schukin) July 3, 2019"
    r"[\u2014-] ?[\w.' -]{2,60} \(@\w+\) .{0,30}\d{4}",
)
_BYLINE = (
    # Names are capitalised: "By Jane Roe", "By Jane Roe and John Doe, Reuters", never
    # "By the end of the year".
    r"[Bb]y [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}"
    r"(?:(?:,| and| &) [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}){0,3}",
    r"(?:Written|Posted|Published) by [A-Z].{2,60}",
    r"Author\s*:.{2,60}",
)
_COPYRIGHT = (
    r"©",
    r"copyright\s*(?:©|\(c\)|\d{4})",
    r"\(c\) ?\d{4}\b",
    r".{0,80}\ball rights reserved\b",
)
_SITE_NOTICE = (
    r"our standards\s*:",
    r"the thomson reuters trust principles",
    r"this (?:post|article|page|story) (?:contains|may contain|includes) "
    r"(?:affiliate links|references to products|sponsored)",
    r"(?:we|this site) may earn (?:a )?(?:small )?(?:commission|money)",
    r"advertiser disclosure\b",
    r"(?:terms of (?:use|service)|privacy policy|cookie (?:policy|settings))\s*$",
)
_CITATION = (
    # "Nature 574, 16-17 (2019)", "Science 366, 1234 (2019)", "doi: 10.1038/..."
    r"[A-Z][\w.&' ]{1,60} \d{1,4}, \d{1,6}(?:[\u2013-]\d{1,6})? \(\d{4}\)",
    r"(?:doi|DOI):? ?10\.\d{4,9}/\S+",
)
_CALL_TO_ACTION = (
    r"(?:please )?(?:subscribe|sign up|sign in|log in|register) "
    r"(?:now|today|here|for free|for (?:our|the|a)"
    r"|to (?:our|the|get|receive|read|view|access|continue))\b",
    r"(?:to (?:view|read|continue reading|access) (?:the|this) (?:full )?(?:story|article)),?"
    r" (?:please )?(?:subscribe|log in|sign in|register)",
    r".{0,80}\b(?:already a (?:subscriber|member)|for the full story)\b",
    r"(?:first-time |new )?subscribers (?:also )?(?:get|receive|enjoy)\b",
    r"(?:never|don't|do not) miss (?:a|the latest|out|an?)\b",
    r"(?:get|receive) (?:our|the) (?:free |daily |weekly )?(?:newsletter|briefing|updates)",
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,40}newsletter",
    r"[\w' ]{0,40}newsletter\s*$",
    r"follow (?:us|[\w ]{1,30}) on (?:twitter|facebook|instagram|linkedin|x|google news)\b",
    r"share (?:this|on|via)\b",
    r"copy (?:this|the) link",
    r"(?:email|print|tweet) this (?:article|story|page|post)\b",
    r"(?:for the latest .{0,60})?download (?:the|our) .{0,40}\bapps?\b",
    r"(?:do you want|want) to (?:be informed|stay informed|get the latest|receive)\b",
    r"we (?:want|would like|'d like|'d love|would love) to hear (?:what you think|from you)\b",
    r".{0,60}\bsubmit a letter to the editor\b",
    r"(?:leave|post|add) a comment\b",
    r"(?:support|donate to) (?:our|independent) journalism\b",
)

_EDITORS_NOTE = (
    # "Update July 3rd, 8:05AM ET: Added ARKit explanation and tweet.", "Correction: An
    # earlier version of this article misstated …": notes about the article, not the news.
    r"(?:update[sd]?|correction|clarification|editor'?s note)\b[^:]{0,40}(?::\d\d[^:]{0,20})?:\s*"
    r"(?:add(?:ed|s)\b|correct(?:ed|s)\b|clarifie[ds]\b|updated\b|an earlier version\b"
    r"|this (?:story|article|post) (?:has been|was|originally)\b)",
)

KINDS: tuple[tuple[str, int, Rule], ...] = (
    ("lone punctuation", 1000, _lone_punctuation),
    ("link line", 25, _any(_starts(*_LINK_LABEL), _whole(*_BARE_LINK))),
    ("credit", 25, _any(_starts(*_CREDIT), _whole(*_CREDIT_WHOLE))),
    (
        "copyright or site notice",
        30,
        _any(_starts(*_COPYRIGHT, *_SITE_NOTICE), _whole(*_CITATION, flags=0)),
    ),
    ("call to action (subscribe, share, follow)", 30, _starts(*_CALL_TO_ACTION)),
    ("byline", 12, _whole(*_BYLINE, flags=0)),
    ("editor's note", 30, _starts(*_EDITORS_NOTE)),
)
"""(reason, most words, rule), tried in order; the first rule a sentence matches gives its
reason. Furniture is short: past its kind's length a sentence is a statement, even when it
starts like furniture ("Reporting by the BBC found that …")."""

CAPTION = "caption"
HEADLINE = "repeated headline"
CAPTIONS_AND_CREDITS = frozenset({CAPTION, "credit"})

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen col lt sgt prof rev jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept univ".split()
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+"
    r"(?=[\"'(\[\u201c\u2018]?[A-Z0-9(@\u2014-]|pic\.twitter|https?://|www\.)"
)


def sentences(paragraph: str) -> list[str]:
    """Return ``paragraph`` cut into rough sentences (enough to find furniture in it)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip("\"')]\u201d\u2019")
        word = re.search(r"(\w+)\.$", before)
        if word and (word[1].lower() in _ABBREVIATIONS or len(word[1]) == 1):
            continue  # "Mr. Smith", "U.S. officials": not a sentence end
        parts.append(paragraph[start : match.end()].strip())
        start = match.end()
    parts.append(paragraph[start:].strip())
    return [part for part in parts if part]


def fold(text: str) -> str:
    """Return ``text`` reduced for comparison: NFKC, case-folded, words only."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def kind_of(sentence: str) -> str | None:
    """Return the reason ``sentence`` is furniture, or None when it is a statement."""
    words = len(sentence.split())
    return next((reason for reason, most, rule in KINDS if words <= most and rule(sentence)), None)


GALLERY_SHARE = 0.5
"""When captions hold more than this share of a page's words, the page is a gallery: its
captions are its text, and stay (the page is flagged as mostly captions instead)."""


@dataclass(frozen=True)
class Filtered:
    text: str
    """The paragraphs that remain, separated by one blank line."""
    set_aside: tuple[SetAside, ...]
    caption_words: int = 0
    """Words of the page's captions in the text, set aside or (in a gallery) kept."""


def filter_text(
    text: str,
    *,
    titles: Iterable[str] = (),
    captions: Iterable[str] = (),
) -> Filtered:
    """Return ``text`` without its furniture, and what was set aside, in reading order.

    ``titles`` are the document's title (and its variants): a paragraph repeating one is the
    headline again. ``captions`` are the page's image captions, from its markup: a paragraph
    or sentence that is one of them is a caption, not a statement.
    """
    headlines = {fold(t) for t in titles if fold(t)}
    caption_keys = [fold(c) for c in captions if len(fold(c)) >= 12]
    paragraphs = text.split("\n\n")
    pictured = sum(len(p.split()) for p in paragraphs if _is_caption(p, caption_keys))
    caption_words = pictured
    if pictured > GALLERY_SHARE * len(text.split()):
        caption_keys = []  # a gallery: the captions are the text
    kept: list[str] = []
    aside: list[SetAside] = []
    for paragraph in paragraphs:
        if fold(paragraph) in headlines:
            aside.append(SetAside(paragraph, HEADLINE))
            continue
        if _is_caption(paragraph, caption_keys):
            aside.append(SetAside(paragraph, CAPTION))
            continue
        keep: list[str] = []
        changed = False
        for sentence in sentences(paragraph):
            reason = kind_of(sentence)
            if reason is None and _is_caption(sentence, caption_keys):
                reason = CAPTION
                caption_words += len(sentence.split())
            if reason is None:
                keep.append(sentence)
                continue
            head, tail = _unglue(sentence)
            aside.append(SetAside(head, reason))
            changed = True
            if tail:
                keep.append(tail)
        if not changed:
            kept.append(paragraph)  # untouched: keep its exact spacing
        elif keep:
            kept.append(" ".join(keep))
    return Filtered("\n\n".join(kept), tuple(aside), caption_words)


_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z']* )")
GLUED_WORDS = 6
"""A copied page can glue a statement to the furniture before it ("…Copy this linkHe was
speaking…"): a tail of this many words after a lower-to-capital seam, itself no furniture,
is kept."""


def _unglue(sentence: str) -> tuple[str, str]:
    """Return the furniture of ``sentence`` and the statement glued after it, if any."""
    for seam in _GLUE.finditer(sentence):
        tail = sentence[seam.start() :]
        if len(tail.split()) >= GLUED_WORDS and kind_of(tail) is None:
            return sentence[: seam.start()], tail
    return sentence, ""


def _is_caption(text: str, caption_keys: Sequence[str]) -> bool:
    key = fold(text)
    # A whole caption, or most of one (the page may have cut its credit off).
    return len(key) >= 12 and any(
        key == c or (key in c and len(key) >= 0.6 * len(c)) for c in caption_keys
    )


THIN_WORDS = 80
"""Fewer words than this is not an article's text: a caption, a teaser, a paywall stub."""


def thin_warning(cleaned: Cleaned) -> str | None:
    """Return the warning for an extraction too thin to trust, or None when it looks whole.

    Thin is under ``THIN_WORDS`` words, or mostly captions and credits: more of their words
    (set aside, or kept as a gallery's text) than words of other text.
    """
    text = cleaned.text
    words = len(text.split())
    aside = [s for s in cleaned.set_aside if s.reason in CAPTIONS_AND_CREDITS]
    credits = sum(len(s.text.split()) for s in aside if s.reason != CAPTION)
    pictures = cleaned.caption_words + credits
    if words >= THIN_WORDS and 2 * pictures <= words + sum(len(s.text.split()) for s in aside):
        return None
    if words < THIN_WORDS:
        count = sum(len(sentences(p)) for p in text.split("\n\n") if p.strip())
        sentence = "sentence" if count == 1 else "sentences"
        what = f"only {count} {sentence} ({words} words) could be extracted"
    else:
        what = f"the text is mostly image captions and credits ({pictures} of its words)"
    return (
        f"{what}; check the source: the page may keep its article behind a paywall or in "
        "script. If this briefing is incomplete, save the article's text as .txt instead"
    )


@dataclass(frozen=True)
class Cleaned:
    text: str
    """The text to analyse: no furniture, no dateline."""
    set_aside: tuple[SetAside, ...]
    dateline: str | None
    date: str | None
    """The dateline's date (ISO when full, as written when partial), or a full date alone
    on one of the first lines."""
    caption_words: int = 0


def clean_body(text: str, *, titles: Iterable[str] = (), captions: Iterable[str] = ()) -> Cleaned:
    """Return ``text`` without furniture and without the dateline it opens with.

    A text that would lose every line is kept whole: furniture is what surrounds a text.
    """
    filtered = filter_text(text, titles=titles, captions=captions)
    if not filtered.text.strip():
        filtered = Filtered(text, ())
    found = read_dateline(filtered.text)
    date = found.date or dateline(found.text)
    return Cleaned(found.text, filtered.set_aside, found.dateline, date, filtered.caption_words)
