"""Markdown rendering: Jinja2 templates (user overrides first) and their filters."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import RenderError

if TYPE_CHECKING:
    from jinja2 import Environment

    from generator.types import Actor, Briefing, Document, Sentence

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
# Every character that ends a line for Markdown or Python ("\r" alone does for Markdown),
# and the other control characters: a value is one line of inert text.
_LINE_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_NOT_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def one_line(text: str) -> str:
    """Return ``text`` on one line: line breaks and control characters become spaces."""
    return _LINE_BREAKS.sub(" ", str(text))


def md_escape(text: str) -> str:
    """Return ``text`` as inert Markdown: no emphasis, links, HTML or headings from the seed."""
    # Angle brackets become entities: Markdown has no backslash escape for "<", and a ">"
    # opening a list item would start a block quote.
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def seed_path(path: str) -> str:
    """Return a seed's path as it is shown in a code span or in HTML: one line, visible.

    A file name may hold anything but "/" and NUL: a newline in it (``a\\n\\n<img…>.txt``)
    would end the code span and the list item, and the rest would be live HTML. Control
    characters are shown as escapes (``\\n``), backticks as quotes.
    """
    shown = "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in str(path).replace("`", "'")
    )
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def code_span(text: str) -> str:
    """Return ``text`` as a Markdown code span that shows it exactly (``seed_path`` first)."""
    shown = seed_path(text)
    return f"` {shown} `" if shown.startswith("'") or shown.endswith("'") else f"`{shown}`"


def table_cell(text: str) -> str:
    """Return ``text`` escaped for a Markdown table cell (pipes and newlines included)."""
    return md_escape(text)


def yaml_scalar(value: Any) -> str:
    """Return ``value`` as a YAML scalar that always parses back to the same string.

    JSON strings are YAML double-quoted scalars, so quotes, colons, ``#``, newlines and
    leading dashes in a seed's title cannot change the front matter's structure. Characters
    YAML does not allow in a file (C1 controls, lone surrogates from a file name that is not
    UTF-8) are written as ``\\u`` escapes, so MkDocs can still read the page.
    """
    text = json.dumps("" if value is None else str(value), ensure_ascii=False)
    return _NOT_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def yaml_html(value: Any) -> str:
    """Return ``value`` HTML-escaped, as a YAML scalar, for front matter the theme prints raw.

    Material puts ``title``, ``description`` and ``tags`` into the HTML unescaped (in
    ``<title>``, ``<meta content="...">``, the tags index), so a seed's "</title><script>"
    would become markup; escaped, the browser shows it as the text it was.
    """
    text = html.escape("" if value is None else str(value), quote=False)
    # Double quotes end the attribute Material writes the description into; apostrophes,
    # common in titles, cannot (the attribute is double-quoted) and stay readable.
    return yaml_scalar(text.replace('"', "&quot;"))


def cites_at(ids: Sequence[str], page: str) -> str:
    """Return citation links to sentences of another page: ``[s3](../briefings/x.md#s3)``."""
    return " ".join(f"[\\[{i}\\]]({page}#{i})" for i in ids)


def cites(ids: Sequence[str]) -> str:
    """Return citation links to the sentence anchors of the page, shown as ``[s3]``.

    Inline HTML rather than Markdown links: a briefing holds dozens, and Markdown's link
    parsing was the largest cost of building a big site (benchmarks/site.py).
    """
    return " ".join(f'<a class="cite" href="#{i}">[{i}]</a>' for i in ids)


def anchored(sentences: Sequence[Sentence]) -> str:
    """Return a paragraph of source sentences as HTML, each sentence an element named by its
    id (a citation link lights up the whole sentence), after a link showing the id.

    The source text is a raw HTML block, so Markdown does not parse it: the text is escaped
    as HTML, and a long document costs the site build almost nothing.
    """
    return " ".join(
        f'<span id="{s.id}" class="sentence"><a class="sentence-id" href="#{s.id}">{s.id}</a> '
        f"{html.escape(s.text, quote=False)}</span>"
        for s in sentences
    )


def tag_anchor(tag: str) -> str:
    """Return the id of ``tag`` on the tags page (``tags.md#tag-export-control``)."""
    from generator.loaders.normalize import slugify

    slug = slugify(tag)
    if slug == "document" != tag.strip().lower():  # nothing in it slugify could keep
        slug = hashlib.sha1(tag.encode("utf-8")).hexdigest()[:10]
    return f"tag-{slug}"


def make_env(user_templates: Path | None = None) -> Environment:
    """Return the Jinja2 environment: user templates override the shipped ones.

    Every template, loaded or rendered, fails as a ``RenderError`` naming its file and line
    (``_environment_class``): a broken override of any template is one message, not a
    traceback.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined

    loaders: list[Any] = []
    if user_templates is not None and user_templates.is_dir():
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(PackageLoader("generator", "templates"))
    env = _environment_class()(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # Markdown, not HTML: values go through md_escape explicitly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        md=md_escape,
        cell=table_cell,
        seed_path=seed_path,
        yaml=yaml_scalar,
        yaml_html=yaml_html,
        cites=cites,
        anchored=anchored,
        actor_link=actor_link,
        cites_at=cites_at,
        tag_anchor=tag_anchor,
    )
    return env


@lru_cache(maxsize=1)
def _environment_class() -> type[Environment]:
    from jinja2 import Environment, Template, TemplateError, TemplateSyntaxError

    def failure(name: str | None, filename: str | None, exc: Exception) -> RenderError:
        line = getattr(exc, "lineno", None) or _template_line(exc, filename)
        where = f", line {line}" if line else ""
        detail = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
        kind = "" if isinstance(exc, TemplateError) else f"{type(exc).__name__}: "
        return RenderError(
            f"template {name!r} failed{where} ({kind}{detail}); fix or remove the override "
            "(without it, the shipped template is used)",
            filename or name,
        )

    class NamedTemplate(Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            try:
                return super().render(*args, **kwargs)
            except RenderError:
                raise
            except Exception as exc:  # a user's template can fail in any way
                raise failure(self.name, self.filename, exc) from exc

    class NamedEnvironment(Environment):
        template_class = NamedTemplate

        def _load_template(self, name: str, globals: Any) -> Template:
            try:
                return super()._load_template(name, globals)
            except TemplateSyntaxError as exc:
                raise failure(name, exc.filename, exc) from exc
            except TemplateError as exc:
                raise failure(name, None, exc) from exc

    return NamedEnvironment


def _template_line(exc: Exception, filename: str | None) -> int | None:
    """Return the template line a runtime error happened on.

    Jinja rewrites the traceback of an error in a template: its frames then carry the
    template's file name and line.
    """
    traceback = exc.__traceback__
    line = None
    while traceback is not None:
        if filename and traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def named_actors(briefing: Briefing) -> list[Actor]:
    """Return the actors that get tags and pages: named ones, not "Critics" or "Officials"."""
    return [a for a in briefing.actors if has_page(a)]


def has_page(actor: Actor) -> bool:
    """Return True for actors with a page of their own: named ones, not groups."""
    return actor.type != "group"


def actor_link(actor: Actor, prefix: str = "../actors/") -> str:
    """Return the actor's name as bold Markdown, linked to its page when it has one."""
    name = f"**{table_cell(actor.name)}**"
    return f"[{name}]({prefix}{actor_slug(actor.name)}.md)" if has_page(actor) else name


RESERVED_ACTOR_SLUGS = frozenset({"index"})
"""Page names under ``actors/`` that the site uses itself (the Actors overview)."""


def actor_slug(name: str) -> str:
    """Return the page name of an actor (``actors/<slug>.md``).

    Any script is transliterated ("Владимир Путин" → ``vladimir-putin``), so a name keeps a
    readable page name; a name the site reserves ("Index") or one with no letters or digits
    gets a short hash of the name after it. Names that still share a page name ("Kyodo News",
    "KYODO NEWS") are one actor's page (``pipeline.compose_pages``).
    """
    import hashlib

    from anyascii import anyascii

    from generator.loaders.normalize import slugify

    slug = slugify(anyascii(name), fallback="")
    if slug and slug not in RESERVED_ACTOR_SLUGS:
        return slug
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug or 'actor'}-{digest}"


def one_page_per_actor(briefings: list[Briefing]) -> list[Briefing]:
    """Return the briefings with one actor name per actor page.

    Names that differ only in case, accents or punctuation ("Kyodo News", "KYODO NEWS") have
    one page name (``render.actor_slug``), which the briefing pages link to; each such group
    is listed under its most mentioned spelling (not all capitals, on a tie), so no actor page
    overwrites another.
    """
    from collections import defaultdict
    from dataclasses import replace

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for briefing in briefings:
        for actor in briefing.actors:
            if has_page(actor):
                spellings[actor_slug(actor.name)][actor.name] += actor.mentions
    canonical = {
        name: min(names, key=lambda n: (-names[n], n.isupper(), n))
        for names in spellings.values()
        if len(names) > 1
        for name in names
    }
    if not canonical:
        return briefings
    return [
        replace(
            b,
            actors=tuple(
                replace(a, name=canonical[a.name]) if has_page(a) and a.name in canonical else a
                for a in b.actors
            ),
        )
        for b in briefings
    ]


def metadata_lines(briefing: Briefing) -> list[tuple[str, str, str]]:
    """Return (label, Markdown value, origin) for each metadata value the page shows."""
    doc = briefing.document
    origins = dict(doc.provenance)
    if doc.title:
        title_origin = origins.get("title", "front matter")
    elif briefing.title == file_name_title(doc.slug):
        title_origin = "from the file name"
    else:
        title_origin = "proposed from the text"
    lines = [("Title", md_escape(briefing.title), title_origin)]
    if doc.date:
        lines.append(("Date", md_escape(doc.date), origins.get("date", "")))
    else:
        lines.append(("Date", "not stated", ""))
    if doc.dateline:
        lines.append(("Dateline", md_escape(doc.dateline), "text, not analysed"))
    for label, key in (("Source", "source"), ("Author", "author")):
        value = getattr(doc, key)
        if value:
            lines.append((label, md_escape(value), origins.get(key, "")))
    if doc.url:
        # A plain web address becomes an autolink, which Markdown leaves as written.
        url = f"<{doc.url}>" if _is_web(doc.url) else md_escape(doc.url)
        lines.append(("URL", url, origins.get("url", "")))
    if doc.set_aside:
        lines.append(("Set aside", set_aside_summary(doc), SET_ASIDE_NOTE))
    seeds = [doc.source_path, *doc.also_from]
    lines.append(
        (
            "Seed" if len(seeds) == 1 else "Seeds (same text)",
            ", ".join(code_span(s) for s in seeds),
            "",
        )
    )
    return lines


SET_ASIDE_NOTE = "not analysed; `briefing show SEED --format json` lists them"


def set_aside_summary(document: Document) -> str:
    """Return "3 lines (link line ×2, credit)": how much furniture the loader set aside."""
    reasons = Counter(s.reason for s in document.set_aside)
    count = len(document.set_aside)
    kinds = ", ".join(md_escape(r) + (f" ×{n}" if n > 1 else "") for r, n in reasons.items())
    return f"{count} line{'s' if count != 1 else ''} ({kinds})"


def file_name_title(slug: str) -> str:
    """Return the title the analysis falls back on when it proposes none: the file's name."""
    return slug.replace("-", " ").capitalize()


def _is_web(url: str) -> bool:
    """Return True for a plain web address Markdown can show as an autolink as it is."""
    return (
        url.startswith(("https://", "http://"))
        and not any(c in url for c in " <>\"'`\\")
        and url.isprintable()
    )


def render(briefing: Briefing, env: Environment | None = None) -> str:
    """Return the Markdown page of ``briefing``."""
    env = env or make_env()
    paragraphs: dict[int, list[Any]] = {}
    for sentence in briefing.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    # Topic tags only: the tags the source gives and the text's key phrases. Actors have
    # pages of their own (actors/), listing every briefing they appear in.
    tags = [*briefing.document.tags, *briefing.topics]
    return _render(
        env,
        "briefing.md.j2",
        b=briefing,
        metadata=metadata_lines(briefing),
        paragraphs=list(paragraphs.values()),
        tags=list(dict.fromkeys(tags)),
    )


HOME_ROWS = 100
"""Briefings listed on the home page, newest first; the timeline lists them all, by year.
A home page listing 5,000 briefings weighs 1.7 MB and takes 2-3 s to open
(benchmarks/site.py); 100 rows keep it near 40 KB."""


def render_index(briefings: Sequence[Briefing], env: Environment | None = None) -> str:
    """Return the home page: the newest briefings, linking to the timeline for the rest."""
    return _render(env or make_env(), "index.md.j2", briefings=briefings, limit=HOME_ROWS)


def _render(env: Environment, name: str, **context: Any) -> str:
    from jinja2 import TemplateError

    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise RenderError(f"template {name!r} failed: {exc}; fix or remove the override") from exc
