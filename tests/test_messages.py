"""What the CLI says when its options, config file, Dask cluster or store will not do: in Vietnamese by
default, in English with --lang en (VANBAN_LANG=en where a verb has no --lang), the English word for word
as before the catalogue ([vi|en.messages] of patterns/strings.toml) said it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_walk import REPORT
from vanban.cli import main
from vanban.db import schema
from vanban.patterns import strings

CATALOGUE = strings._catalogue()
LANGS = ["vi", "en"]


def _asked(lang: str) -> list[str]:
    return [] if lang == "vi" else ["--lang", "en"]        # Vietnamese without being asked


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VANBAN_LANG", raising=False)
    monkeypatch.delenv("VANBAN_CONFIG", raising=False)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    return folder


def test_every_message_is_in_both_languages_with_the_same_fields() -> None:
    vi, en = CATALOGUE["vi"]["messages"], CATALOGUE["en"]["messages"]
    assert set(vi) == set(en)
    for key in en:
        assert sorted(re.findall(r"\{(\w+)\}", vi[key])) == sorted(re.findall(r"\{(\w+)\}", en[key])), key


@pytest.mark.parametrize("section", ["titles", "record", "header_fields"])
def test_every_label_is_in_both_languages_with_the_same_fields(section: str) -> None:
    vi, en = CATALOGUE["vi"][section], CATALOGUE["en"][section]
    assert vi and set(vi) == set(en)
    for key in en:
        assert sorted(re.findall(r"\{(\w+)\}", vi[key])) == sorted(re.findall(r"\{(\w+)\}", en[key])), key


def test_a_doubtful_header_field_is_named_in_the_language_asked() -> None:
    """'Mục number ở phần đầu …' said the field's internal key to a Vietnamese reader."""
    params = {"field": "number", "read": "2/42", "confidence": "52%", "page": 1}
    vi = strings.flag_message("uncertain_field", params, "", "vi")
    assert vi.startswith("Số văn bản ở phần đầu được OCR đọc") and "number" not in vi
    date = strings.flag_message("uncertain_field", {**params, "field": "date", "read": "ngày 4O"}, "", "vi")
    assert date.startswith("Ngày tháng của văn bản ở phần đầu") and "“ngày 4O”" in date
    assert strings.flag_message("uncertain_field", params, "", "en").startswith("The header's number was read")


def test_figures_vanban_worked_out_are_written_the_readers_way() -> None:
    """'28.778 of 91.117' reads to an English reader as two small decimals; the figure quoted from the
    document stays as the document wrote it."""
    import vanban

    report = Path(__file__).parent.parent / "corpus" / "txt" / "002_10029ef880a30beb.txt"
    [vi] = [f for f in vanban.extract(report).flags if f["code"] == "ratio_mismatch"]
    assert "28.778 trên 91.117 là 31,58%" in vi["message"], vi["message"]
    [en] = [f for f in vanban.extract(report, lang="en").flags if f["code"] == "ratio_mismatch"]
    assert en["message"].startswith("29,63% ") and "28,778 of 91,117 is 31.58%" in en["message"], en["message"]


@pytest.mark.parametrize(("lang", "words"), [
    ("vi", ["Cơ quan ban hành", "Văn bản được trích dẫn", "không khớp với số liệu đã nêu", "đầy đủ", "số liệu,"]),
    ("en", ["issuer", "citations", "does not match its own figures", "full", "figures,"]),
])
def test_extract_as_a_table_speaks_the_language_asked(lang: str, words: list[str]) -> None:
    report = Path(__file__).parent.parent / "corpus" / "txt" / "002_10029ef880a30beb.txt"
    out = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["extract", str(report), "--format", "table", "--lang", lang])
    assert out.exit_code == 0, out.output
    for word in words:
        assert word in out.output, word


def test_extract_as_a_table_places_a_docx_citation_by_paragraph() -> None:
    """Word recorded no page break in this DOCX: each citation's place is its paragraph, not a blank."""
    report = Path(__file__).parent.parent / "corpus" / "docx" / "001_c8d032cd6b35c309.docx"
    out = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["extract", str(report), "--format", "table"])
    assert out.exit_code == 0, out.output
    rows = [line for line in out.output.splitlines() if "/KH-SYT " in line and "đầy đủ" in line]
    assert rows and all(line.split("│")[1].strip().startswith("đoạn ") for line in rows)


CONFIGS = {   # a vanban.toml -> what `vanban ingest --config` says of it, after "<file>: "
    "[limits]\ntimout = 3\n": {
        "vi": "giới hạn 'timout' không hợp lệ (các giới hạn hợp lệ: max_size_mb, timeout, memory_mb, "
              "zip_unpacked_mb, zip_ratio, max_paragraphs, max_table_cells)",
        "en": "unknown limit 'timout' (known: max_size_mb, timeout, memory_mb, zip_unpacked_mb, zip_ratio, "
              "max_paragraphs, max_table_cells)"},
    "[limit]\n": {
        "vi": "bảng không hợp lệ: limit; tệp vanban.toml chỉ có bảng [limits]",
        "en": "unknown table(s) limit; vanban.toml has [limits]"},
    "[limits.max_size_mb]\nxls = 3\n": {
        "vi": "max_size_mb.xls = 3: định dạng phải là một trong pdf, docx, doc, txt; cỡ tối đa phải là số MB dương",
        "en": "max_size_mb.xls = 3: a format of pdf, docx, doc, txt and a positive number of MB"},
    "[limits]\nmax_size_mb = 3\n": {
        "vi": "max_size_mb phải là một bảng, mỗi định dạng (pdf, docx, doc, txt) một cỡ tối đa tính bằng MB",
        "en": "max_size_mb is a table, one size in MB per format (pdf, docx, doc, txt)"},
    "[limits]\ntimeout = -1\n": {
        "vi": "timeout = -1: phải là một số dương",
        "en": "timeout = -1: a positive number"},
    "[limits\n": {
        "vi": "không đọc được tệp TOML này (Expected ']' at the end of a table declaration (at line 1, column 8))",
        "en": "not a readable TOML file (Expected ']' at the end of a table declaration (at line 1, column 8))"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_config_file_is_one_line_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    folder, runner = _folder(tmp_path), CliRunner()
    for i, (text, said) in enumerate(CONFIGS.items()):
        config = tmp_path / f"limits{i}.toml"
        config.write_text(text, encoding="utf-8")
        done = runner.invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                    "--config", str(config), *_asked(lang)])
        assert (done.exit_code, done.stdout) == (2, ""), done.output
        assert done.stderr == f"{config}: {said[lang]}\n"
    missing = runner.invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 's.db'}", "--config",
                                   str(tmp_path / "none.toml"), *_asked(lang)])
    assert missing.exit_code == 2
    assert missing.stderr == {"vi": f"{tmp_path / 'none.toml'}: không có tệp cấu hình này\n",
                              "en": f"{tmp_path / 'none.toml'}: no such config file\n"}[lang]
    assert not (tmp_path / "s.db").exists()                 # refused before the store was opened


MAX_SIZES = {
    "txt=-1": {"vi": "--max-size txt=-1: cỡ tối đa phải là số dương; định dạng phải là một trong pdf, docx, doc, txt",
               "en": "--max-size txt=-1: a positive size, and a format of pdf, docx, doc, txt"},
    "xls=3": {"vi": "--max-size xls=3: cỡ tối đa phải là số dương; định dạng phải là một trong pdf, docx, doc, txt",
              "en": "--max-size xls=3: a positive size, and a format of pdf, docx, doc, txt"},
    "txt=tám": {"vi": "--max-size txt=tám: hãy ghi số MB hoặc ĐỊNH_DẠNG=MB, ví dụ --max-size txt=8",
                "en": "--max-size txt=tám: MB or FORMAT=MB, e.g. --max-size txt=8"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_max_size_is_one_line_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    folder = _folder(tmp_path)
    for item, said in MAX_SIZES.items():
        done = CliRunner().invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                         "--max-size", item, *_asked(lang)])
        assert (done.exit_code, done.stdout, done.stderr) == (2, "", said[lang] + "\n"), done.output


@pytest.mark.parametrize("lang", LANGS)
def test_dask_not_installed(tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)    # as without the `dask` extra: the import fails
    done = CliRunner().invoke(main, ["ingest", str(_folder(tmp_path)), "--db", f"sqlite:///{tmp_path / 's.db'}",
                                     "--dask", "tcp://127.0.0.1:8786", "--quiet", *_asked(lang)])
    assert done.exit_code == 2, done.output
    assert done.stderr == {"vi": "--dask cần gói Dask distributed: pip install 'vanban[dask]'\n",
                           "en": "--dask needs Dask distributed: pip install 'vanban[dask]'\n"}[lang]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_dask_scheduler_nobody_runs(tmp_path: Path) -> None:
    """Dask tries for 15 s before it gives up, so both languages are asked at once (two processes)."""
    pytest.importorskip("distributed", reason="the `dask` extra is not installed")
    folder, address = _folder(tmp_path), f"tcp://127.0.0.1:{_free_port()}"
    env = {k: v for k, v in os.environ.items() if k != "VANBAN_LANG"}
    running = {lang: subprocess.Popen([sys.executable, "-m", "vanban", "ingest", str(folder), "--quiet",
                                       "--db", f"sqlite:///{tmp_path / f's-{lang}.db'}", "--dask", address,
                                       *_asked(lang)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env=env)
               for lang in LANGS}
    said = {"vi": "không kết nối được với bộ điều phối Dask", "en": "cannot reach the Dask scheduler"}
    for lang, proc in running.items():
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out) == (2, ""), err
        assert re.fullmatch(rf"{re.escape(address)}: {said[lang]} \(.+\)\n", err), err


@pytest.mark.parametrize("lang", LANGS)
def test_not_a_folder_from_python(tmp_path: Path, lang: str) -> None:
    """The CLI's FOLDER is checked by click before ingest sees it; `vanban.ingest` says it in the language asked."""
    import vanban
    from vanban.db.engine import StoreError

    with strings.speaking(lang), pytest.raises(StoreError) as refused:
        vanban.ingest(tmp_path / "nowhere", db=f"sqlite:///{tmp_path / 's.db'}", workers=0)
    assert str(refused.value) == {"vi": f"{tmp_path / 'nowhere'}: không phải thư mục",
                                  "en": f"{tmp_path / 'nowhere'}: not a folder"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_the_db_verbs_say_the_revision_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    store = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    said = {"vi": "{url}: kho dữ liệu đang ở phiên bản {rev}\n", "en": "{url}: at revision {rev}\n"}[lang]
    empty = runner.invoke(main, ["db", "current", "--db", store, *_asked(lang)])
    assert (empty.exit_code, empty.stdout) == (0, {"vi": "base (kho trống)\n", "en": "base (empty)\n"}[lang])
    up = runner.invoke(main, ["db", "upgrade", "--db", store, *_asked(lang)])
    assert (up.exit_code, up.stdout) == (0, said.format(url=store, rev=schema.head())), up.output
    down = runner.invoke(main, ["db", "downgrade", "base", "--db", store, *_asked(lang)])
    assert (down.exit_code, down.stdout) == (0, said.format(url=store, rev="base")), down.output


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("by_env", [False, True])
def test_serve_beyond_this_machine_without_users(tmp_path: Path, lang: str, by_env: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`vanban serve --lang en` (or VANBAN_LANG=en) says its refusal in English, before anything listens."""
    if by_env and lang == "en":
        monkeypatch.setenv("VANBAN_LANG", "en")
    assert CliRunner().invoke(main, ["db", "upgrade", "--db", f"sqlite:///{tmp_path / 's.db'}"]).exit_code == 0
    done = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--host", "0.0.0.0",
                                     "--data", str(tmp_path / "data"), *([] if by_env else _asked(lang))])
    assert done.exit_code == 2, done.output
    said = {"vi": "0.0.0.0: để máy khác truy cập được trang web, cần có ít nhất một người dùng; hãy thêm trước "
                  "bằng `vanban user add TÊN --role admin` (hoặc chạy trên 127.0.0.1)",
            "en": "0.0.0.0: listening beyond this machine needs users; add one first with "
                  "`vanban user add NAME --role admin` (or serve on 127.0.0.1)"}[lang]
    assert done.stderr == said + "\n", "one line, and no address announced for a server that never listens"


SAID_BY_USER = {
    "vi": {"prompt": "Mật khẩu (ít nhất 8 ký tự): ", "again": "Nhập lại mật khẩu: ",
           "mismatch": "Hai lần nhập mật khẩu không khớp nhau.", "added": "Đã thêm “lan” (quản trị viên).",
           "exists": "lan: tên đăng nhập này đã có, hãy chọn tên khác.", "none": "Chưa có người dùng nào.",
           "list": ["lan\tquản trị viên", "minh\tngười xem"],
           "role": "“minh” giờ là người nộp báo cáo, từ lần bấm tiếp theo của người này.",
           "last": "“lan” là quản trị viên cuối cùng: không thể xoá hay hạ vai trò. Hãy thêm một quản trị viên "
                   "khác trước.",
           "confirm": "Xoá hẳn người dùng minh? [y/N]: ",
           "removed": "Đã xoá “minh”: phiên đăng nhập của người này hết hiệu lực."},
    "en": {"prompt": "Password (at least 8 characters): ", "again": "Password again: ",
           "mismatch": "the two passwords differ", "added": "“lan” added (admin).",
           "exists": "lan: this user exists already", "none": "No users yet.",
           "list": ["lan\tadmin", "minh\tviewer"], "role": "“minh” is now uploader, from their next request.",
           "last": "“lan” is the last admin: it cannot be removed or demoted. Add another admin first.",
           "confirm": "Remove user minh for good? [y/N]: ",
           "removed": "“minh” removed: their session no longer works."},
}


@pytest.mark.parametrize("lang", LANGS)
def test_user_verbs_speak_the_language_asked(tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`vanban user add|list|role|remove --lang en`, Vietnamese without it: the prompts, what was done, and
    each refusal, from [vi|en.users]."""
    monkeypatch.delenv("VANBAN_PASSWORD", raising=False)
    said, db = SAID_BY_USER[lang], ["--db", f"sqlite:///{tmp_path / 's.db'}", *_asked(lang)]
    runner = CliRunner()

    def user(*args: str, code: int = 0, typed: str | None = None):  # type: ignore[no-untyped-def]
        done = runner.invoke(main, ["user", *args, *db], input=typed)
        assert done.exit_code == code, done.output
        return done

    empty = user("list")
    assert (empty.stdout, empty.stderr) == ("", said["none"] + "\n")
    added = user("add", "lan", "--role", "admin", typed="mat-khau-1\nmat-khau-2\nmat-khau-lan\nmat-khau-lan\n")
    assert added.stdout == f"{said['prompt']}\n{said['again']}\n" * 2 + said["added"] + "\n", "asked again"
    assert added.stderr == said["mismatch"] + "\n" and added.stdout.endswith(said["added"] + "\n")
    assert "mat-khau" not in added.output, "a password is never shown"
    assert user("add", "lan", "--role", "viewer", "--password", "mat-khau-khac", code=2).stderr \
        == said["exists"] + "\n"
    user("add", "minh", "--role", "viewer", "--password", "mat-khau-minh")
    assert [line.rsplit("\t", 1)[0] for line in user("list").stdout.splitlines()] == said["list"]
    assert user("role", "minh", "uploader").stdout == said["role"] + "\n"
    assert user("role", "lan", "viewer", code=2).stderr == said["last"] + "\n"
    kept = user("remove", "minh", typed="n\n", code=1)
    assert kept.stdout.startswith(said["confirm"])
    assert user("remove", "minh", "--yes").stdout == said["removed"] + "\n"


@pytest.mark.parametrize(("lang", "said"), [(None, "Không có số và không có ngày tháng"),
                                            ("en", "Neither a number (Số …) nor a date")])
def test_extract_as_json_says_the_flags_in_the_language_asked(lang: str | None, said: str) -> None:
    """The JSON keeps each flag's key and fields for a program, and says its message to the reader."""
    report = Path(__file__).parent.parent / "corpus" / "txt" / "003_54f63113053d84ec.txt"
    out = CliRunner().invoke(main, ["extract", str(report), *(["--lang", lang] if lang else [])],
                             env={"VANBAN_LANG": None})
    assert out.exit_code == 0, out.output
    [flag] = [f for f in json.loads(out.output)["flags"] if f["code"] == "missing_header"]
    assert flag["message"].startswith(said) and flag["message_key"] == "missing_header"


@pytest.mark.parametrize(("lang", "said"), [
    ("vi", "tệp quá lớn: 29,0 KB, vượt giới hạn 10,24 KB đối với tệp .txt"),
    ("en", "too large: 29.0 KB, over the limit of 10.24 KB for .txt files")])
def test_a_small_size_limit_is_said_in_kb_with_the_decimals_that_tell_it(tmp_path: Path, lang: str,
                                                                         said: str) -> None:
    """`--max-size txt=0.01` refused a 29 KB report as "0.0 MB, over the limit of 0.01 MB": a size shown
    under the limit it broke, with a decimal point in Vietnamese."""
    folder = _folder(tmp_path)
    assert (folder / REPORT.name).stat().st_size == 29652
    done = CliRunner().invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 's.db'}", "--workers", "0",
                                     "--max-size", "txt=0.01", *_asked(lang)])
    assert done.exit_code == 1, done.output
    assert f"{folder / REPORT.name}: {said} (--max-size" in done.stderr, done.stderr


def test_a_size_just_over_its_limit_is_never_shown_equal_to_it() -> None:
    assert strings.sizes(8 * 2**20 + 40_000, 8 * 2**20) == ("8.04 MB", "8 MB")
    assert strings.sizes(10486, 0.01 * 2**20) == ("10486 bytes", "10485 bytes")     # 10.240 KB both, to 3 decimals
    stored = "too large: 10486 bytes, over the limit of 10485 bytes for .txt files (--max-size or vanban.toml)"
    assert strings.say_reason(stored, "vi").startswith("tệp quá lớn: 10486 byte, vượt giới hạn 10485 byte")


def test_a_doubtful_number_without_a_confidence_says_no_question_mark() -> None:
    """A number the header could not read ("Số: 4Z /BC-SYT") in a text with no OCR confidence was said
    "được OCR đọc với độ tin cậy thấp (“4Z”, ?)": a made-up confidence, and OCR that never ran."""
    import vanban

    text = (Path(__file__).parent.parent / "corpus" / "txt" / "001_c8d032cd6b35c309.txt").read_text(encoding="utf-8")
    assert "Số:  124 /BC-SYT" in text
    with tempfile_with(text.replace("Số:  124 /BC-SYT", "Số:  4Z /BC-SYT")) as path:
        flags = [f for f in vanban.extract(path, lang="vi").flags if f["code"] == "uncertain_field"]
    assert len(flags) == 1 and flags[0]["params"] == {"page": 1, "field": "number", "read": "4Z"}
    assert flags[0]["message"] == "Số văn bản ở phần đầu không đọc được rõ (“4Z”): kiểm tra lại ở trang 1."
    stored = {"page": 1, "field": "number", "read": "4Z", "confidence": "?"}         # a flag stored before
    for lang in LANGS:
        said = strings.flag_message("uncertain_field", stored, "", lang)
        assert "4Z" in said and "?" not in said and "OCR" not in said, said


def test_a_run_that_read_no_page_says_no_speed_and_a_slow_one_no_zero(tmp_path: Path) -> None:
    """"tốc độ 0,0 văn bản/giây": a run whose one file failed, or a scan read in 25 s."""
    from vanban.cli.store import _summary_line
    from vanban.pipeline.ingest import Summary

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gia.pdf").write_text("Đây không phải là một tệp PDF.\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 's.db'}", "--workers", "0"])
    assert done.exit_code == 1 and "1 lỗi" in done.stdout, done.output
    assert "tốc độ" not in done.stdout and "văn bản/giây" not in done.stdout
    slow = Summary(run_id=1, files=1, ingested=1, extracted=1, pages=1, seconds=25.0)
    assert "tốc độ 0,04 văn bản/giây, 0,04 trang/giây" in _summary_line(slow, "s.db", "vi")
    assert "at 0.04 documents/s, 0.04 pages/s" in _summary_line(slow, "s.db", "en")


def test_a_pdf_that_is_plain_text_is_told_to_be_renamed(tmp_path: Path) -> None:
    fake = tmp_path / "gia.pdf"
    fake.write_text("Đây không phải là một tệp PDF.\n", encoding="utf-8")
    for lang, said in (("vi", "không phải tệp PDF: nội dung là văn bản thuần; hãy đổi đuôi tệp thành .txt"),
                       ("en", "not a PDF: the content is plain text; rename it to .txt")):
        done = CliRunner().invoke(main, ["extract", str(fake), *_asked(lang)])
        assert (done.exit_code, done.stderr) == (2, f"{fake}: {said}\n"), done.output


@contextlib.contextmanager
def tempfile_with(text: str) -> Iterator[Path]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.txt"
        path.write_text(text, encoding="utf-8")
        yield path
