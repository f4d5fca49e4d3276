"""YAML as the generator reads it from seeds and user files: data only, bounded, dates checked.

``yaml.safe_load`` has two traps for a file anyone can write. Aliases (``*a``) repeat a node
without copying its text, so a 415-byte front matter of nested aliases expands into tens of
megabytes (the "billion laughs"): they are refused, since no front matter or alias file needs
them. And an impossible unquoted date (``date: 2024-02-30``, ``0000-00-00``) raises a bare
``ValueError`` from deep inside the constructor: here it is a ``yaml.YAMLError`` naming the
value, its line and the fix.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _loader() -> type[Any]:
    import yaml
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError
    from yaml.events import AliasEvent

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ComposerError(
                    None,
                    None,
                    f"YAML aliases (*{event.anchor}) are not accepted here: write the value "
                    "out in full",
                    event.start_mark,
                )
            return super().compose_node(parent, index)

    def timestamp(loader: Any, node: Any) -> dt.date | dt.datetime:
        try:
            value: dt.date | dt.datetime = yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(
                None,
                None,
                f"{node.value} is not a real date ({exc}); write a real date "
                "(YYYY-MM-DD), or put the value in quotes to keep it as text",
                node.start_mark,
            ) from exc
        return value

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


def load_yaml(text: str) -> Any:
    """Return the data of ``text``; raise ``yaml.YAMLError`` (or ``RecursionError``)."""
    import yaml

    return yaml.load(text, Loader=_loader())  # a SafeLoader subclass: data only


def yaml_problem(exc: Exception, *, first_line: int = 1) -> str:
    """Return one line saying what is wrong with the YAML and where (``first_line``: the line
    of the file the YAML text starts on)."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f", line {mark.line + first_line}" if mark is not None else ""
    if "not accepted here" in problem or "not a real date" in problem:
        return f"is refused{where}: {problem}"
    return f"is not valid YAML{where} ({problem}); fix it or remove it"
