"""Every `--help` in Vietnamese by default and in English with VANBAN_LANG=en, from patterns/help.toml:
the table and the click tree have the same verbs and options, in both languages, no text twice."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from vanban.cli import main
from vanban.cli.helptext import option_help, option_key, tree
from vanban.patterns.help import catalogue

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["vi", "en"]
TREE = [(path, sorted(option_key(o) for o in options)) for path, _, options in tree(main)]
PATHS = [path for path, _ in TREE]
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "[default:", "[env var:",
                 "[required]")


def _help(lang: str | None, *args: str) -> Result:
    """`vanban ARGS --help` with VANBAN_LANG=lang (unset for None), as a user's shell runs it."""
    return CliRunner().invoke(main, [*args, "--help"], env={"VANBAN_LANG": lang})


def _flat(node: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, text) of every text of a table."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flat(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, node


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_help_is_vietnamese_by_default_and_lists_every_verb() -> None:
    result = _help(None)
    assert result.exit_code == 0, result.output
    vi, en = catalogue()["vi"]["commands"], catalogue()["en"]["commands"]
    shown = _words(result.output)
    assert shown.startswith("Cách dùng: ") and "Tuỳ chọn:" in shown and "Lệnh:" in shown
    for name in main.commands:
        assert f"{name} {_words(vi[name]['short'])}" in shown, name
        assert _words(en[name]["short"]) not in shown, name
    assert not [word for word in CLICK_ENGLISH if word in result.output]


def test_vanban_lang_en_gives_the_english_help() -> None:
    result = _help("en")
    assert result.exit_code == 0, result.output
    shown = _words(result.output)
    assert shown.startswith("Usage: ") and "Commands:" in shown
    for name in main.commands:
        assert f"{name} {_words(catalogue()['en']['commands'][name]['short'])}" in shown, name
    assert "Tuỳ chọn" not in shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS)
def test_every_verb_has_its_help_in_both_languages(path: str, lang: str) -> None:
    args = [] if path == "vanban" else path.split()
    result = _help(lang, *args)
    assert result.exit_code == 0, result.output
    texts = catalogue()[lang]
    shown = _words(result.output)
    assert _words(texts["commands"][path]["short"]) in shown
    assert shown.startswith(f"{texts['click']['usage']} ")
    assert _words(texts["options"]["help"]) in shown
    if lang == "vi":
        assert not [word for word in CLICK_ENGLISH if word in result.output]


def test_the_help_follows_vanban_lang_not_lang() -> None:
    """--lang is parsed after the help is made: it says the verb's tables and messages, not its help."""
    result = CliRunner().invoke(main, ["reports", "--lang", "en", "--help"], env={"VANBAN_LANG": None})
    assert result.output.startswith("Cách dùng: ")


def test_each_run_says_the_help_in_its_own_language() -> None:
    """The texts are set on every run, so one process can answer in English, then in Vietnamese."""
    assert _help("en", "cites").output.startswith("Usage: ")
    assert _help("vi", "cites").output.startswith("Cách dùng: ")


def test_both_languages_have_the_same_keys() -> None:
    vi, en = (dict(_flat(catalogue()[lang])) for lang in LANGS)
    vi = {k: v for k, v in vi.items() if not k.startswith("click_messages.")}   # English is click's own
    assert sorted(set(vi) ^ set(en)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_verb_and_option_has_a_text_and_every_text_is_used(lang: str) -> None:
    texts = catalogue()[lang]
    assert sorted(texts["commands"]) == sorted(PATHS)                      # no verb without, none left over
    for path in PATHS:
        assert set(texts["commands"][path]) <= {"short", "help", "options"}, path
        assert texts["commands"][path].get("short") and texts["commands"][path].get("help"), path
    without = [f"{path} --{key}" for path, keys in TREE for key in keys if not option_help(texts, path, key)]
    assert without == []
    unused = [f"{path} --{key}" for path, keys in TREE
              for key in texts["commands"][path].get("options", {}) if key not in keys]
    shared = {key for path, keys in TREE for key in keys if key not in texts["commands"][path].get("options", {})}
    unused += [f"[{lang}.options] {key}" for key in texts["options"] if key not in shared]
    assert unused == []
    assert set(texts["click"]) == {"usage", "options", "commands", "default", "env_var", "required"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_is_written_twice(lang: str) -> None:
    """An option's help said the same on several verbs belongs in [LANG.options], once."""
    seen: dict[str, str] = {}
    twice = []
    for key, text in _flat(catalogue()[lang]):
        if _words(text) in seen:
            twice.append((seen[_words(text)], key))
        seen[_words(text)] = key
    assert twice == []


def test_the_help_imports_nothing_heavy() -> None:
    """`vanban --help` starts at once: the help table, not pandas, SQLAlchemy or the store."""
    code = ("import sys; from vanban.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print([m for m in ('pandas', 'sqlalchemy', 'rich', 'vanban.db', 'vanban.questions') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["ingest"], "Lỗi: Thiếu đối số 'FOLDER'.", "Error: Missing argument 'FOLDER'."),
    (["figures", "--kind", "per"], "'per' không phải một trong: 'percent'", "'per' is not one of 'percent'"),
    (["reports", "--formt", "json"], "Không có tùy chọn '--formt'", "No such option '--formt'"),
    (["ingset"], "Không có lệnh 'ingset'. Có phải ý bạn là 'ingest'?", "No such command 'ingset'."),
    # the names of click's types too, not "Directory '…' không tồn tại" nor "không phải là integer range"
    (["ingest", "/khong/co/thu-muc"], "Thư mục '/khong/co/thu-muc' không tồn tại.",
     "Directory '/khong/co/thu-muc' does not exist."),
    (["matrix", "--min-units", "abc"], "'abc' không phải là số nguyên hợp lệ.", "'abc' is not a valid integer range."),
])
def test_a_misuse_is_said_in_the_language_of_the_help(args: list[str], vi: str, en: str) -> None:
    """click's own messages follow VANBAN_LANG too ([LANG.click_messages]), one run after the other."""
    said = CliRunner().invoke(main, args, env={"VANBAN_LANG": None})
    assert said.exit_code == 2 and vi in said.output and "Lỗi: " in said.output, said.output
    said = CliRunner().invoke(main, args, env={"VANBAN_LANG": "en"})
    assert said.exit_code == 2 and en in said.output, said.output
