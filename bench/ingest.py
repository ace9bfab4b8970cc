"""Benchmark `vanban ingest`: documents/s, pages/s and peak memory, SQLite and PostgreSQL, 1 and 2 workers.

The corpus is built by recombining the five sample reports (corpus/txt): the opening of one report
(its unit and the plans it answers) followed by sections drawn from the others, under another unit
name and province, with other dates and cited numbers, and page breaks every ~45 lines (like the PDF
renditions); a share of them is written as Word .docx. Every configuration runs in a fresh process
(so peak memory is its own) into a fresh store, then runs again over the same folder with ten new
files, as next month's ingest would.

The baseline, in the same run, is extraction alone in one process with no store: the ratios say what
the store and the process pool cost or gain on this machine.

Wall time on a shared machine wanders by a fifth from one run to the next, both ways, so each
configuration runs `--repeat` times, in rounds (every configuration once, then again), and the
median run of each is reported with the spread of the others. Besides
the whole run, the steady rate is shown: documents/s between the first and the last document stored,
without the start (the fork server importing the extractor) and the close (regrouping the reports,
the cross-report checks), which cost the same whatever the number of workers.

    python bench/ingest.py                    # 1,000 documents, SQLite and PostgreSQL
    python bench/ingest.py --docs 2000 --pg postgresql+psycopg://postgres@127.0.0.1:5432/test
    python bench/ingest.py --concurrent 3     # the wall time of three ingests at once against one
    python bench/ingest.py --repeat 1         # one run of each configuration (quicker, noisier)

With `--concurrent N`, one `vanban ingest` runs alone into a fresh store, then N of them at once over
the same folder into another: they share the files through claims, so N at once should take about
as long as one (goal: ≤ 1.3×), each run extracting a part.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "corpus" / "txt").glob("*.txt"))

# The units of the samples, by the place names that make them one unit, and what replaces them.
PLACES = ["Bố Trạch", "Mai Châu", "Sơn Trà", "An Hải"]
NEW_PLACES = ["Lệ Thủy", "Quảng Ninh", "Tuyên Hóa", "Minh Hóa", "Đà Bắc", "Lạc Sơn", "Kim Bôi", "Tân Lạc",
              "Hải Châu", "Thanh Khê", "Cẩm Lệ", "Hòa Vang", "Bát Xát", "Sa Pa", "Bảo Thắng", "Văn Bàn",
              "Gia Bình", "Lương Tài", "Quế Võ", "Thuận Thành", "Yên Dũng", "Lục Nam", "Hương Khê", "Kỳ Anh"]
PROVINCES = ["Quảng Trị", "Phú Thọ", "Đà Nẵng", "Lào Cai", "Bắc Ninh", "Hà Tĩnh", "Nghệ An", "Thanh Hóa",
             "Ninh Bình", "Hưng Yên", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Tây Ninh", "Cà Mau", "An Giang"]
HEADING = regex.compile(r"(?m)^\s*(?=[IVX]{1,4}\.\s)")
LOCAL_NUMBER = regex.compile(r"(?<![\d/])\d{1,4}(?=\s*/\s*(?:KH|QĐ|BC|TB)\s*-\s*(?:SYT|TTYT|BVT|UBND|YTST)\b)")
DATE = regex.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(20[12]\d)(?![\d/])")


# ---------------------------------------------------------------- building the corpus

def _parts(text: str) -> list[str]:
    """A report cut at its Roman-numbered headings: the opening, then each section."""
    cuts = [m.start() for m in HEADING.finditer(text)]
    bounds = [0, *[c for c in cuts if c > 0], len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _recombine(rng: random.Random, parts: list[list[str]], i: int) -> str:
    opening_of = rng.randrange(len(parts))
    body = [rng.choice(parts[rng.randrange(len(parts))][1:] or parts[0][1:]) for _ in range(rng.randint(2, 4))]
    text = "".join([parts[opening_of][0], *body])
    place, province = NEW_PLACES[i % len(NEW_PLACES)], PROVINCES[(i // len(NEW_PLACES)) % len(PROVINCES)]
    for old in PLACES:
        text = text.replace(old, place)
    text = regex.sub(r"Bệnh viện Đa khoa số 2", f"Bệnh viện Đa khoa số {2 + i % 7}", text)
    for old in ("Quảng Trị", "Phú Thọ", "Đà Nẵng", "Lào Cai", "Bắc Ninh", "Quảng Bình"):
        text = text.replace(old, province)
    text = LOCAL_NUMBER.sub(lambda m: str(rng.randint(1, 4999)), text)
    text = DATE.sub(lambda m: f"{rng.randint(1, 28)}/{m.group(2)}/{m.group(3)}" if rng.random() < 0.3 else m.group(),
                    text)
    lines = text.split("\n")
    return "\n".join(line if (n + 1) % 45 else line + "\f" for n, line in enumerate(lines))


def _write_docx(path: Path, text: str) -> None:
    from docx import Document

    doc = Document()
    for line in text.replace("\f", "\n").split("\n"):
        if line.strip():
            doc.add_paragraph(line.strip())
    doc.save(str(path))


def build_corpus(folder: Path, n: int, docx_share: float, seed: int = 7) -> None:
    """`n` recombined reports in `folder` (and ten more in `folder`/../extra for the re-run)."""
    rng = random.Random(seed)
    parts = [_parts(p.read_text(encoding="utf-8")) for p in SAMPLES]
    for i in range(n + 10):
        target = folder if i < n else folder.parent / "extra"
        target.mkdir(parents=True, exist_ok=True)
        text = _recombine(rng, parts, i)
        if rng.random() < docx_share:
            _write_docx(target / f"{i:05d}.docx", text)
        else:
            (target / f"{i:05d}.txt").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- one measured run, in its own process

class _Peak(threading.Thread):
    """Peak RSS of this process and of this process with all its descendants, and the CPU seconds
    of the descendants and of the PostgreSQL backends serving `database` (psutil, sampled every
    0.1 s; a process's last reading counts, so one that ends loses at most its last 0.1 s)."""

    def __init__(self, database: str | None = None) -> None:
        super().__init__(daemon=True)
        self.tree = 0
        self.database = database
        self.cpu_children: dict[int, float] = {}
        self.cpu_server: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self.stop.wait(0.1):
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
                    if p.pid != me.pid:
                        t = p.cpu_times()
                        self.cpu_children[p.pid] = t.user + t.system
            self.tree = max(self.tree, total)
            if self.database:
                for p in psutil.process_iter(["name", "cmdline"]):
                    with contextlib.suppress(psutil.Error):
                        if p.info["name"] == "postgres" and f" {self.database} " in " ".join(p.info["cmdline"] or []):
                            t = p.cpu_times()
                            self.cpu_server[p.pid] = t.user + t.system


class _Clock:
    """A reporter (`vanban.pipeline.ingest.Reporter`) that notes when each document is stored."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def start(self, total: int) -> None:
        pass

    def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
        if outcome == "ingested":
            self.times.append(time.perf_counter())

    def note(self, outcome: str, path: str, reason: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def rate(self) -> float:
        """Documents/s between the first and the last stored (the steady state of the run)."""
        if len(self.times) < 2:
            return 0.0
        return (len(self.times) - 1) / (self.times[-1] - self.times[0])


def _own_peak() -> int | None:
    """This process's peak RSS in bytes (VmHWM). Not `ru_maxrss`: Linux carries a forked child's
    peak across exec, so a run started by this benchmark's parent, after it built a corpus of
    10,000 files, reported the parent's peak as its own (121 MB whatever the configuration)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def run_one(config: dict[str, Any]) -> dict[str, Any]:
    folder = Path(config["folder"])
    peak = _Peak(config["url"].rsplit("/", 1)[-1] if config["store"] == "postgresql" else None)
    peak.start()
    t0 = time.perf_counter()
    if config["store"] == "none":
        from vanban.extract.record import extract_file

        docs = pages = 0
        clock = _Clock()
        for p in sorted(folder.iterdir()):
            pages += extract_file(p)["source"]["pages"] or 0
            docs += 1
            clock.advance("ingested", str(p))
        first = {"seconds": time.perf_counter() - t0, "docs": docs, "pages": pages, "steady": clock.rate()}
        rerun = None
    else:
        from vanban.pipeline.ingest import ingest_folder

        clock = _Clock()
        called = time.perf_counter()
        s = ingest_folder(folder, config["url"], workers=config["workers"], reporter=clock)
        first = {"seconds": s.seconds, "docs": s.extracted, "pages": s.pages, "steady": clock.rate(),
                 "close": s.closing, "until_first": clock.times[0] - called}
        assert s.failed == 0, s.errors[:3]
        for extra in sorted((folder.parent / "extra").iterdir()):
            shutil.copy(extra, folder / extra.name)
        r = ingest_folder(folder, config["url"], workers=config["workers"])
        rerun = {"seconds": r.seconds, "ingested": r.ingested, "unchanged": r.unchanged}
        for extra in (folder.parent / "extra").iterdir():
            (folder / extra.name).unlink()
    peak.stop.set()
    peak.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own = _own_peak() or usage.ru_maxrss * 1024
    cpu_ours = usage.ru_utime + usage.ru_stime + sum(peak.cpu_children.values())
    return {**first, "rerun": rerun, "peak_main": own, "peak_tree": max(peak.tree, own), "cpu_ours": cpu_ours,
            "cpu_server": sum(peak.cpu_server.values()), "wall": time.perf_counter() - t0}


# ---------------------------------------------------------------- the whole benchmark

def _pg_database(admin: str, create: bool, name: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(admin)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' if create else f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return url.set(database=name).render_as_string(hide_password=False)


def _measure(config: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--one", json.dumps(config)], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        raise SystemExit(f"{config['name']} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents in the corpus (at least 1,000 for the record)")
    ap.add_argument("--docx-share", type=float, default=0.1, help="share of the corpus written as .docx")
    ap.add_argument("--pg", default=os.environ.get("VANBAN_BENCH_PG",
                                                   "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
                    help="an admin URL of PostgreSQL, where fresh databases are made; '' to skip")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--concurrent", type=int, default=0, metavar="N",
                    help="compare N ingests at once with one (same folder, same store)")
    ap.add_argument("--repeat", type=int, default=3, metavar="N",
                    help="runs of each configuration, in rounds; the median is reported (default 3)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(json.loads(args.one))))
        return
    if args.concurrent:
        concurrent(args)
        return

    work = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    folder = work / "corpus"
    t0 = time.perf_counter()
    build_corpus(folder, args.docs, args.docx_share)
    print(f"corpus: {args.docs} recombined reports ({args.docx_share:.0%} .docx) in {folder} "
          f"({time.perf_counter() - t0:.1f} s to build); {os.cpu_count()} cores")

    configs: list[dict[str, Any]] = [{"name": "extract only, 1 process (baseline)", "store": "none"}]
    workers = [int(w) for w in args.workers.split(",")]
    for w in workers:
        configs.append({"name": f"SQLite, {w} worker(s)", "store": "sqlite", "workers": w})
    if args.pg:
        for w in workers:
            configs.append({"name": f"PostgreSQL, {w} worker(s)", "store": "postgresql", "workers": w})
    runs: list[list[dict[str, Any]]] = [[] for _ in configs]
    for round_ in range(1, args.repeat + 1):
        for config, done in zip(configs, runs, strict=True):
            done.append(_fresh_run(config, folder, work, args.pg))
            print(f"  round {round_}/{args.repeat} done: {config['name']} ({done[-1]['seconds']:.1f} s)", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    _report([(config, _best(done)) for config, done in zip(configs, runs, strict=True)])


def _fresh_run(config: dict[str, Any], folder: Path, work: Path, pg: str) -> dict[str, Any]:
    """One measured run of `config` over `folder`, into a fresh store."""
    config["folder"] = str(folder)
    pg_name = None
    if config["store"] == "sqlite":
        config["url"] = f"sqlite:///{work / (uuid.uuid4().hex + '.db')}"
    elif config["store"] == "postgresql":
        pg_name = f"vanban_bench_{uuid.uuid4().hex[:8]}"
        config["url"] = _pg_database(pg, True, pg_name)
    try:
        return _measure(config)
    finally:
        if pg_name:
            _pg_database(pg, False, pg_name)


def _best(done: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of a configuration's runs by time, with the seconds of all of them (the spread): the
    machine's own speed wanders both ways here (a run faster than extraction alone was seen), so the
    fastest run can be a lucky one as much as the slowest an unlucky one."""
    middle = sorted(done, key=lambda r: r["seconds"])[(len(done) - 1) // 2]
    return {**middle, "all_seconds": sorted(r["seconds"] for r in done)}


def _report(results: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    base = results[0][1]
    base_rate = base["docs"] / base["seconds"]
    print(f"\n{'configuration':36} {'docs':>5} {'pages':>6} {'seconds':>8} {'docs/s':>7} {'pages/s':>8} "
          f"{'× base':>7} {'peak main':>10} {'peak all':>9} {'re-run +10 files':>18} {'CPU s ours':>10} "
          f"{'server':>7} {'server share':>12} {'steady docs/s':>13} {'1st s':>6} {'close s':>7}  runs (s)")
    for config, r in results:
        rate, prate = r["docs"] / r["seconds"], r["pages"] / r["seconds"]
        rerun = (f"{r['rerun']['ingested']} new in {r['rerun']['seconds']:.1f} s" if r["rerun"] else "—")
        server = (f"{r['cpu_server']:7.1f} {r['cpu_server'] / (r['cpu_server'] + r['cpu_ours']):12.1%}"
                  if config["store"] == "postgresql" else f"{'—':>7} {'—':>12}")
        print(f"{config['name']:36} {r['docs']:5d} {r['pages']:6d} {r['seconds']:8.1f} {rate:7.2f} {prate:8.1f} "
              f"{rate / base_rate:7.2f} {r['peak_main'] / 2**20:8.0f} MB {r['peak_tree'] / 2**20:6.0f} MB "
              f"{rerun:>18} {r['cpu_ours']:10.1f} {server} {r['steady']:13.2f} {r.get('until_first', 0):6.2f} "
              f"{r.get('close', 0):7.2f}  {' '.join(f'{x:.1f}' for x in r['all_seconds'])}")
    print("CPU s: user+system over the whole configuration (both ingests), ours = the ingest and its workers, "
          "server = the PostgreSQL backends serving its database; share = server / (ours + server). "
          "Each configuration: the median of its runs (all of them under 'runs'); steady = documents/s "
          "between the first and the last document stored; 1st s = until the first stored (the start); close s = "
          "the end of the run (regrouping reports, cross-report checks), part of `seconds` (the whole call)")
    by = {c["name"]: r for c, r in results}
    for store in ("SQLite", "PostgreSQL"):
        one, two = by.get(f"{store}, 1 worker(s)"), by.get(f"{store}, 2 worker(s)")
        if one and two:
            print(f"{store}: 2 workers vs 1: × {(two['docs'] / two['seconds']) / (one['docs'] / one['seconds']):.2f} "
                  f"(whole run), × {two['steady'] / one['steady']:.2f} (steady)")
    if "SQLite, 1 worker(s)" in by and "PostgreSQL, 1 worker(s)" in by:
        s, p = by["SQLite, 1 worker(s)"], by["PostgreSQL, 1 worker(s)"]
        print(f"PostgreSQL vs SQLite (1 worker): × {(p['docs'] / p['seconds']) / (s['docs'] / s['seconds']):.2f}")


def _ingests_at_once(folder: Path, url: str, n: int, workers: int) -> tuple[float, list[int]]:
    """Wall time of `n` `vanban ingest` commands started together, and what each extracted."""
    from sqlalchemy import create_engine, text

    exe = Path(sys.executable).with_name("vanban")
    command = [str(exe), "ingest", str(folder), "--db", url, "--workers", str(workers), "--quiet"]
    t0 = time.perf_counter()
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    for p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"ingest failed:\n{err[-2000:]}")
    wall = time.perf_counter() - t0
    engine = create_engine(url)
    with engine.connect() as conn:
        extracted = [r[0] for r in conn.execute(text("SELECT extracted FROM ingest_runs ORDER BY id"))]
    engine.dispose()
    return wall, extracted


def concurrent(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    folder = work / "corpus"
    build_corpus(folder, args.docs, args.docx_share)
    workers = int(args.workers.split(",")[-1])
    print(f"corpus: {args.docs} recombined reports; {os.cpu_count()} cores; {workers} worker(s) per ingest")
    stores = [("SQLite", lambda: f"sqlite:///{work / (uuid.uuid4().hex + '.db')}", None)]
    if args.pg:
        stores.append(("PostgreSQL", None, args.pg))
    for name, sqlite_url, admin in stores:
        times = {}
        for n in (1, args.concurrent):
            pg_name = f"vanban_bench_{uuid.uuid4().hex[:8]}" if admin else None
            url = _pg_database(admin, True, pg_name) if admin and pg_name else sqlite_url()
            try:
                times[n], extracted = _ingests_at_once(folder, url, n, workers)
            finally:
                if admin and pg_name:
                    _pg_database(admin, False, pg_name)
            print(f"  {name}: {n} ingest(s) at once: {times[n]:.1f} s wall; extracted per run {extracted} "
                  f"(sum {sum(extracted)})", flush=True)
        print(f"{name}: {args.concurrent} at once vs one: × {times[args.concurrent] / times[1]:.2f} (goal ≤ 1.3)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
