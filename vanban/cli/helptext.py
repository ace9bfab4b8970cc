"""Every `--help` of `vanban` in the language of VANBAN_LANG (Vietnamese by default).

The verbs carry no help text of their own: patterns/help.toml holds it, one table per language, and
`Vanban.main` sets each command's help and each option's help from the table of the language in
effect before click parses anything. `--lang` is parsed after that, so the help follows VANBAN_LANG
alone. click's own words (the usage line, the section headings, the brackets it adds to an option's
help) are said by the help formatter from the same table's [LANG.click].
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from vanban.patterns.help import table

ROOT = "vanban"                                  # the key of the group itself in [LANG.commands]
_SECTIONS = {"Options": "options", "Commands": "commands"}        # click's headings -> [LANG.click]
_BRACKETS = (("env var: ", "env_var"), ("default: ", "default"))  # click's "  [env var: X; default: Y]"


def option_key(option: click.Option) -> str:
    """`--min-units` -> `min-units`: the name a user types, unique within a verb (the parameter's
    name is not: --failed and --skipped both set `outcome`)."""
    return max(option.opts, key=len).lstrip("-")


def tree(group: click.Group) -> Iterator[tuple[str, click.Command, list[click.Option]]]:
    """Each command as (path, command, its options with -h/--help), the group itself first as `vanban`.

    The help option is made here through a context like the one a run makes (same parent, so the
    same names, -h included); click keeps it, so the text set on it is the one shown."""
    def walk(path: str, cmd: click.Command, parent: click.Context | None) -> Iterator[Any]:
        ctx = click.Context(cmd, info_name=path.rpartition(" ")[2], parent=parent, **cmd.context_settings)
        yield path, cmd, [p for p in cmd.get_params(ctx) if isinstance(p, click.Option)]
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(name if parent is None else f"{path} {name}", sub, ctx)

    yield from walk(ROOT, group, None)


def option_help(texts: dict[str, Any], path: str, key: str) -> str | None:
    """An option's help on the verb at `path`: its own text there, else the one every verb shares."""
    own = texts["commands"].get(path, {}).get("options", {})
    return own.get(key, texts["options"].get(key))


def apply(group: click.Group, lang: str | None = None) -> None:
    """Set the help of every command and option of `group` from the table of `lang` (else the
    language in effect), and the formatter that says click's words in it."""
    texts = table(lang)
    for path, cmd, options in tree(group):
        entry = texts["commands"].get(path, {})
        cmd.short_help = entry.get("short")
        cmd.help = "\n\n".join(text for text in (entry.get("short"), entry.get("help")) if text)
        cmd.context_class = _Context
        for option in options:
            option.help = option_help(texts, path, option_key(option))


def _word(key: str) -> str:
    """One of click's words in the language in effect: the one `apply` used, as nothing parsed has
    changed it yet when help or a usage line is written."""
    return str(table()["click"][key])


def _bracket(text: str) -> str:
    """click's bracket after an option's help (`  [env var: VANBAN_DB; default: table; required]`)
    in the words of the language in effect; a range (`x>=0`) stays as it is."""
    head, sep, tail = text.rpartition("  [")
    if not sep or not tail.endswith("]"):
        return text
    items = []
    for item in tail[:-1].split("; "):
        for english, key in _BRACKETS:
            if item.startswith(english):
                item = f"{_word(key)}: {item.removeprefix(english)}"
                break
        items.append(_word("required") if item == "required" else item)
    return f"{head}  [{'; '.join(items)}]"


class _Formatter(click.HelpFormatter):
    """click's help formatter, saying click's own words from [LANG.click] of patterns/help.toml."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{_word('usage')} " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_word(_SECTIONS[name]) if name in _SECTIONS else name):
            yield

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _bracket(text)) for term, text in rows], col_max, col_spacing)


class _Context(click.Context):
    """A context whose help (and usage line on a misuse) is written by `_Formatter`."""

    formatter_class = _Formatter


class _Template(str):
    """A click message in the language in effect whose `format` also says the names click puts in it:
    a type's name ("directory", "integer range") was set in English when click's types were made, before
    `speak_click`, so "Directory '…' không tồn tại" came out half translated."""

    def format(self, *args: Any, **kwargs: Any) -> str:
        said = table().get("click_messages", {})
        for key in ("name", "number_type"):
            word = kwargs.get(key)
            if isinstance(word, str):
                base = word.lower().removesuffix(" range")          # 'abc' is no integer, in range or not
                name = str(said.get(base, word))
                first = self.startswith("{" + key + "}")
                kwargs[key] = name[:1].upper() + name[1:] if first and name is not word else name
        return str.format(self, *args, **kwargs)


def _said(message: str) -> str:
    """One of click's messages in the language in effect ([LANG.click_messages]; else click's English)."""
    return _Template(table().get("click_messages", {}).get(message, message))


def _said_n(singular: str, plural: str, n: int) -> str:
    return _said(singular if n == 1 else plural)


def speak_click() -> None:
    """Have click say its messages through `_said`: click looks each one up with gettext (`_`,
    `ngettext`, bound in each of its modules) when it says it, so the language in effect then decides."""
    import click.core
    import click.exceptions
    import click.parser
    import click.types

    for module in (click.core, click.exceptions, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _said                 # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _said_n        # type: ignore[attr-defined]


class Vanban(click.Group):
    """The `vanban` group: its help and every verb's are set from patterns/help.toml on each run, so
    that VANBAN_LANG set by the caller (a test's environment included) decides their language."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        apply(self)
        speak_click()
        return super().main(*args, **kwargs)
