"""Where an ingest's CPU goes, per process and phase: what bounds 2 workers against 1 on a 2-core machine.

With 1 worker, the main process (the pool's loop, claims, the writer thread) runs on the other core
for free; with 2, every CPU second it spends is taken from the workers, and the start (the fork
server importing and warming the extractor before the first worker exists) and the close
(regrouping, cross-report checks) cost the same wall time whatever the number of workers. CPU
seconds stay put on a loaded machine where wall time does not, so this sets them side by side:

    workers    the extraction processes' CPU (their sum), the work that scales
    writer     the writer thread (one transaction per batch)
    main       the main thread, by phase: start (open, walk, hash, plan), run, close
    fork server  its imports and warm-up (before the first worker can be forked)
    server     the PostgreSQL backends serving the run's database

and the ratio the CPU allows, start and close taken as they were timed at 2 workers:
    (start + W + close) / (start + (W + M2) / 2 + close),
W = the workers' CPU (the mean of the two runs': it wanders by a few per cent from run to run),
M2 = the CPU of the main process (and PostgreSQL) between the start and the close at 2 workers.

    python bench/ingest_cpu.py --docs 1000                 # SQLite and PostgreSQL, 1 and 2 workers
    python bench/ingest_cpu.py --docs 300 --pg ''          # SQLite only
"""

from __future__ import annotations

import argparse
import json
import os
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

_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK


class _Watch(threading.Thread):
    """The CPU of the fork server, of each worker and of the PostgreSQL backends serving `database`, read
    every 0.05 s from /proc (only their pids: cheap; the backends are looked for every 0.5 s)."""

    def __init__(self, database: str | None) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.pids: dict[int, str] = {}
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()
        self.own = 0.0

    def run(self) -> None:
        ticks = 0
        while not self.done.wait(0.05):
            if self.database and ticks % 10 == 0:
                self.backends()
            ticks += 1
            self.read()
        self.own = time.thread_time()

    def backends(self) -> None:
        import psutil

        for p in psutil.process_iter(["name", "cmdline"]):
            if p.info["name"] == "postgres" and f" {self.database} " in " ".join(p.info["cmdline"] or []):
                self.pids.setdefault(p.pid, "server")

    def total(self, kind: str) -> float:
        return sum(c for pid, c in self.cpu.items() if self.pids[pid] == kind)

    def read(self) -> None:
        for pid in list(self.pids):
            cpu = _cpu_of(pid)
            if cpu is not None:
                self.cpu[pid] = cpu


def run_one(config: dict[str, Any]) -> dict[str, Any]:
    """One ingest, in this process, with its CPU accounted."""
    from multiprocessing import forkserver

    from vanban.pipeline import ingest, pool, writer

    database = config["url"].rsplit("/", 1)[-1] if config["store"] == "postgresql" else None
    watch, threads = _Watch(database), {"writer": 0.0}
    marks: dict[str, tuple[float, float, float]] = {}

    def mark(name: str) -> None:
        marks[name] = (time.perf_counter(), time.thread_time(), sum(resource.getrusage(resource.RUSAGE_SELF)[:2]))

    spawn, loop = pool._Pool.spawn, writer.Writer._loop

    def spawned(self: Any) -> Any:
        worker = spawn(self)
        marks.setdefault("forked", (time.perf_counter(), 0.0, sum(resource.getrusage(resource.RUSAGE_SELF)[:2])))
        watch.pids.setdefault(forkserver._forkserver._forkserver_pid or 0, "fork server")
        watch.pids[worker.proc.pid] = "worker"
        return worker

    def written(self: Any) -> None:
        try:
            loop(self)
        finally:
            threads["writer"] += time.thread_time()

    pool._Pool.spawn, writer.Writer._loop = spawned, written

    class Marks:
        def start(self, total: int) -> None:
            mark("planned")

        def advance(self, outcome: str, path: str, reason: str | None = None) -> None:
            pass

        def note(self, outcome: str, path: str, reason: str) -> None:
            pass

        def stop(self) -> None:
            mark("stop")

    watch.start()
    mark("called")
    summary = ingest.ingest_folder(config["folder"], config["url"], workers=config["workers"], reporter=Marks())
    mark("end")
    watch.read()
    watch.done.set()
    watch.join()
    called, forked, stop, end = marks["called"], marks["forked"], marks["stop"], marks["end"]
    workers = [round(watch.cpu.get(pid, 0.0), 2) for pid, kind in watch.pids.items() if kind == "worker"]
    main_run = stop[2] - forked[2] - watch.own * (stop[0] - forked[0]) / (end[0] - called[0])
    return {"docs": summary.extracted, "seconds": summary.seconds, "start": forked[0] - called[0],
            "close": summary.closing, "workers": workers,
            "fork_server": watch.total("fork server"), "server": watch.total("server"),
            "writer": threads["writer"], "main_start": marks["planned"][1] - called[1],
            "main_close": end[1] - stop[1], "main_thread": end[1] - called[1],
            "process": end[2] - called[2] - watch.own, "process_run": main_run}


def _measure(config: dict[str, Any], work: Path, pg: str) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).parent))
    from ingest import _pg_database  # the benchmark's own fresh PostgreSQL databases

    name = None
    if config["store"] == "sqlite":
        config["url"] = f"sqlite:///{work / (uuid.uuid4().hex + '.db')}"
    else:
        name = f"vanban_cpu_{uuid.uuid4().hex[:8]}"
        config["url"] = _pg_database(pg, True, name)
    try:
        out = subprocess.run([sys.executable, __file__, "--one", json.dumps(config)], capture_output=True,
                             text=True, check=False)
        if out.returncode != 0:
            raise SystemExit(out.stderr[-3000:])
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if name:
            _pg_database(pg, False, name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--pg", default=os.environ.get("VANBAN_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--folder", help="a corpus built before (bench/ingest.py's), instead of a fresh one")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(json.loads(args.one))))
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from ingest import build_corpus

    work = Path(tempfile.mkdtemp(prefix="vanban-cpu-"))
    folder = Path(args.folder) if args.folder else work / "corpus"
    if not args.folder:
        build_corpus(folder, args.docs, 0.1)
    stores = ["sqlite", "postgresql"] if args.pg else ["sqlite"]
    print(f"{'configuration':22} {'docs':>5} {'wall s':>7} {'start':>6} {'close':>6} {'workers CPU':>18} "
          f"{'fork srv':>8} {'writer':>7} {'main: start':>11} {'close':>6} {'all':>6} {'proc run':>8} {'server':>7}")
    for store in stores:
        got = {}
        for w in (1, 2):
            r = got[w] = _measure({"store": store, "workers": w, "folder": str(folder)}, work, args.pg)
            print(f"{store + f', {w} worker(s)':22} {r['docs']:5d} {r['seconds']:7.2f} {r['start']:6.2f} "
                  f"{r['close']:6.2f} {sum(r['workers']):6.2f} {'+'.join(f'{c:.2f}' for c in r['workers']):>11} "
                  f"{r['fork_server']:8.2f} {r['writer']:7.2f} {r['main_start']:11.2f} {r['main_close']:6.2f} "
                  f"{r['process']:6.2f} {r['process_run']:8.2f} {r['server']:7.2f}", flush=True)
        one, two = got[1], got[2]
        x = two["start"] + two["close"]
        w1, w2 = sum(one["workers"]), sum(two["workers"])
        w, m = (w1 + w2) / 2, two["process_run"] + two["server"]
        print(f"  {store}: the CPU allows 2 workers × {(x + w) / (x + (w + m) / 2):.2f} of 1 (start + close "
              f"{x:.2f} s wall, workers {w:.2f} s, non-worker CPU while extracting {m:.2f} s; the workers' CPU "
              f"at 2 is × {w2 / w1:.2f} theirs at 1: more than 1 when the cores slow each other)")
    shutil.rmtree(work, ignore_errors=True)
    print("CPU seconds; workers: their sum (each); main: its main thread at the start (until planned) and the close, "
          "all = the whole process (main, writer, heartbeat threads); proc run = the process from the first worker "
          "forked to the close (what 2 workers share their cores with); server = PostgreSQL backends")


if __name__ == "__main__":
    main()
