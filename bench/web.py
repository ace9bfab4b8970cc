"""Benchmark `vanban serve`: the median time of each page over a store of 1,000 reports, and 20 viewers at once.

The store is the recombined corpus of `bench/ingest.py` (the five sample reports cut at their
headings and put together again under other units, provinces, dates and numbers; a share as .docx),
ingested once by the CLI's ingest and kept (`--store`) for the next run. The server is the real
`vanban serve` in its own process, asked over HTTP as a browser would.

Each page is asked `--repeat` times in a row after one first request (whose time is printed apart: it
includes reading the report files the sentences and texts come from); report pages walk through
different reports. Then `--viewers` threads each go through every page `--rounds` times at once.

    python bench/web.py                      # 1,000 reports, 20 viewers
    python bench/web.py --docs 2000 --store /tmp/web2000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
LIMIT_MS = 300


def _store(folder: Path, docs: int) -> str:
    """The SQLite store of `docs` recombined reports, built and ingested on first use."""
    from ingest import build_corpus  # bench/ingest.py: the same recombined corpus

    db = f"sqlite:///{folder / 'store.db'}"
    marker = folder / f"built-{docs}"
    if not marker.exists():
        reports = folder / "reports"
        build_corpus(reports, docs, docx_share=0.1)
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "vanban", "ingest", str(reports), "--db", db, "--quiet",
                              "--workers", str(min(2, os.cpu_count() or 1))], capture_output=True, text=True)
        print(out.stderr.strip() or out.stdout.strip(), f"(ingest {time.perf_counter() - t0:.0f} s)")
        marker.touch()
    return db


def _get(url: str) -> tuple[int, float, int]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as err:
        body, status = b"", err.code
    return status, (time.perf_counter() - t0) * 1000, len(body)


def _serve(db: str, data: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "vanban", "serve", "--db", db, "--port", str(port),
                             "--data", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/style.css", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("vanban serve did not start")


def _report_ids(db: str, n: int) -> list[int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        ids = list(conn.execute(text("SELECT id FROM reports ORDER BY id")).scalars())
    engine.dispose()
    step = max(1, len(ids) // n)
    return ids[::step][:n]


def _latest_period(db: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT period_label FROM reports WHERE period_label IS NOT NULL "
                                  "GROUP BY period_label ORDER BY count(*) DESC LIMIT 1")).scalar()
    engine.dispose()
    return found or "năm 2025"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "vanban-bench-web")
    ap.add_argument("--port", type=int, default=8811)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--viewers", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    args.store.mkdir(parents=True, exist_ok=True)
    db = _store(args.store, args.docs)
    base = f"http://127.0.0.1:{args.port}"
    reports = _report_ids(db, args.repeat + 1)
    pages = {
        "Tổng quan /": ["/"],
        "Tổng quan, một kỳ": ["/?period=" + urllib.parse.quote(_latest_period(db))],
        "Văn bản 76/NQ-CP": ["/directive?key=76/NQ-CP"],
        "Văn bản 76/NQ-CP trang 2": ["/directive?key=76/NQ-CP&page=2"],
        "Tìm 'nghi quyet'": ["/directive?q=nghi+quyet"],
        "Ma trận": ["/matrix"],
        "Ma trận, cấp Chính phủ": ["/matrix?level=government"],
        "Một báo cáo (mỗi lần một báo cáo khác)": [f"/report/{i}" for i in reports],
        "Tải về": ["/downloads"],
        "Sổ tổng hợp (Excel)": ["/download/workbook"],
        "CSV báo cáo": ["/csv/reports"],
        "Nộp báo cáo": ["/upload"],
    }
    proc = _serve(db, args.store / "data", args.port)
    failures = 0
    try:
        print(f"{args.docs} reports; each page asked {args.repeat} times after a first request (ms)")
        print(f"{'page':42} {'first':>8} {'median':>8} {'p90':>8}  status")
        for name, urls in pages.items():
            first = _get(base + urls[0])
            times, statuses = [], set()
            for i in range(args.repeat):
                status, ms, _ = _get(base + urls[(i + 1) % len(urls)] if len(urls) > 1 else base + urls[0])
                times.append(ms)
                statuses.add(status)
            med = statistics.median(times)
            p90 = statistics.quantiles(times, n=10)[-1]
            ok = statuses == {200} and first[0] == 200
            failures += (not ok) + (med >= LIMIT_MS)
            print(f"{name:42} {first[1]:8.0f} {med:8.0f} {p90:8.0f}  {sorted(statuses | {first[0]})}"
                  f"{'' if med < LIMIT_MS else '  OVER ' + str(LIMIT_MS) + ' ms'}")
        every = [u for urls in pages.values() for u in urls[:3]]
        errors, times, lock = [], [], threading.Lock()

        def viewer(k: int) -> None:
            for r in range(args.rounds):
                for j, u in enumerate(every):
                    status, ms, _ = _get(base + every[(j + k + r) % len(every)])
                    with lock:
                        times.append(ms)
                        if status != 200:
                            errors.append((u, status))

        t0 = time.perf_counter()
        threads = [threading.Thread(target=viewer, args=(k,)) for k in range(args.viewers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        failures += bool(errors)
        print(f"{args.viewers} viewers at once, {len(times)} requests in {wall:.1f} s ({len(times) / wall:.1f}/s): "
              f"{len(errors)} errors; median {statistics.median(times):.0f} ms, "
              f"p95 {statistics.quantiles(times, n=20)[-1]:.0f} ms")
        if errors:
            print(json.dumps(errors[:10]))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
