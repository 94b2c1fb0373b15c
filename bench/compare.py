"""Times Tenet against Ruff on each corpus (bench/run prepares them).

Every case of a corpus runs once to warm the page cache, then all cases
alternate for ROUNDS rounds, so drift hits every case alike; medians are
reported. Then Tenet alone runs cold over 1x, 2x, 4x and 8x copies of the main
corpus, and Tenet and Ruff write JSON and SARIF reports of a project with
100,000 findings. Exits non-zero when the main corpus no longer parses
cleanly (the guard for parser upgrades).

    python3 bench/compare.py ROUNDS WORK
"""

import json
import os
import subprocess
import sys

ROUNDS, WORK = int(sys.argv[1]), sys.argv[2]
TENET = "target/release/tenet"
RUFF = f"{WORK}/venv/bin/ruff"
CORPORA = [
    ("homeassistant 2025.4.4", f"{WORK}/homeassistant"),
    ("sympy 1.14.0 + django 5.2.19", f"{WORK}/sympy-django"),
    ("aiohttp 3.14.5 sdist", f"{WORK}/aiohttp"),
]
SERIES = [("1x", f"{WORK}/homeassistant"), ("2x", f"{WORK}/series-2x"), ("4x", f"{WORK}/series-4x"),
          ("8x", f"{WORK}/series-8x")]


def python_files(root):
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def size(root):
    files = list(python_files(root))
    lines = 0
    for path in files:
        with open(path, "rb") as f:
            lines += sum(1 for _ in f)
    # Every folder and file: what the permission rules make a scan stat.
    entries = sum(len(dirs) + len(names) for _, dirs, names in os.walk(root))
    return len(files), lines, entries


MEASURE = "target/release/tenet-bench-measure"
MEASURED = f"{WORK}/measured.txt"


def run(cmd):
    """Wall seconds, peak RSS in MiB and CPU/wall of one run of `cmd`, as
    `tenet-bench-measure` (bench/measure) sees it: a command spawned from
    Python would report Python's own peak RSS as its floor."""
    # A run that measured nothing must not be read as the previous run's.
    if os.path.exists(MEASURED):
        os.remove(MEASURED)
    measured = subprocess.run([MEASURE, MEASURED, "--", *cmd], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
    if measured.returncode != 0 or not os.path.exists(MEASURED):
        sys.exit(f"bench: could not measure {' '.join(cmd)}: "
                 f"{measured.stderr.decode(errors='replace').strip()}")
    with open(MEASURED) as f:
        wall, user, system, rss_kib, status = f.read().split()
    if status != "0":
        sys.exit(f"bench: {' '.join(cmd)} exited with {status}")
    wall = float(wall)
    return wall, int(rss_kib) / 1024, (float(user) + float(system)) / wall


def dentries():
    """How many names the kernel holds in its dentry cache: every path
    lookup (a `stat`, an `open`) walks a chain of its hash table, and on a
    machine whose table is small for the names cached (this build VM: 131,072
    buckets, ~750,000 names after a day of benchmarks) the chains grow long
    and every lookup slower. Tenet looks up ~5x the names Ruff does (the
    permission rules stat every entry), so its warm ratios move with this."""
    try:
        with open("/proc/sys/fs/dentry-state") as f:
            return f"{int(f.read().split()[0]):,} dentries cached"
    except OSError:
        return "dentry cache unknown"


def median(values):
    return sorted(values)[len(values) // 2]


def tenet_scan(corpus):
    return [TENET, "scan", corpus, "--format", "json", "--fail-on", "never", "--output", os.devnull]


def measure(label, corpus):
    slug = os.path.basename(corpus)
    db, ruff_cache = f"{WORK}/bench-{slug}.db", f"{WORK}/ruff-cache-{slug}"
    # The warm rescan again without the permission rules (PRM001/PRM002),
    # which stat every entry where Ruff stats only the Python files: its
    # own database, made by the first (warm-up) run.
    db_no_prm = f"{WORK}/bench-{slug}-no-prm.db"
    ruff = [RUFF, "check", "--quiet", "--exit-zero", "--config", f"{WORK}/ruff.toml", corpus]
    # One file edited between rescans: the middle one in path order.
    paths = sorted(python_files(corpus))
    edited = paths[len(paths) // 2]
    with open(edited, "rb") as f:
        original = f.read()

    def clear_db(path=db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    def edit(n):
        with open(edited, "wb") as f:
            f.write(original + f"\n# bench edit {n}\n".encode())

    tenet = tenet_scan(corpus)
    cases = [
        ("tenet cold", lambda n: None, tenet + ["--no-store"]),
        ("ruff cold", lambda n: None, ruff + ["--no-cache"]),
        ("tenet cold+store", lambda n: clear_db(), tenet + ["--db", db]),
        ("tenet warm", lambda n: None, tenet + ["--db", db]),
        ("tenet warm -PRM", lambda n: clear_db(db_no_prm) if n == 0 else None,
         tenet + ["--db", db_no_prm, "--ignore", "PRM001,PRM002"]),
        ("ruff warm", lambda n: None, ruff + ["--cache-dir", ruff_cache]),
        ("tenet 1 file", edit, tenet + ["--db", db]),
        ("ruff 1 file", lambda n: None, ruff + ["--cache-dir", ruff_cache]),
    ]
    results = {name: [] for name, _, _ in cases}
    try:
        for name, prepare, cmd in cases:
            prepare(0)
            run(cmd)
        for n in range(1, ROUNDS + 1):
            for name, prepare, cmd in cases:
                prepare(n)
                results[name].append(run(cmd))
    finally:
        with open(edited, "wb") as f:
            f.write(original)
    wall = {name: median([r[0] for r in rows]) for name, rows in results.items()}
    rss = {name: median([r[1] for r in rows]) for name, rows in results.items()}
    cpu = {name: median([r[2] for r in rows]) for name, rows in results.items()}
    files, lines, entries = size(corpus)
    print(f"\n{label}: {files:,} Python files, {lines:,} lines, {entries:,} entries in all; "
          f"{ROUNDS} alternating rounds, medians; {dentries()}")
    print(f"{'case':<18}{'wall s':>10}{'peak RSS MiB':>15}{'CPU/wall':>10}")
    for name in results:
        print(f"{name:<18}{wall[name]:>10.3f}{rss[name]:>15.1f}{cpu[name]:>10.2f}")
    print(f"database: {os.path.getsize(db) / 1048576:.1f} MiB after {ROUNDS + 2} scans")
    return {
        "label": label, "files": files, "lines": lines, "wall": wall, "rss": rss, "cpu": cpu,
    }


def summary(rows):
    print("\nSummary (wall seconds; ratios are Tenet / Ruff; targets: cold <= 0.90, warm <= 1, RSS <= 1)")
    head = (f"{'corpus':<30}{'files':>7}{'lines':>11}{'T cold':>8}{'T warm':>8}{'T 1 file':>9}"
            f"{'R cold':>8}{'R warm':>8}{'cold x':>8}{'warm x':>8}{'-PRM x':>8}{'RSS x':>7}{'CPU/wall':>9}")
    print(head)
    for r in rows:
        w, m = r["wall"], r["rss"]
        print(f"{r['label']:<30}{r['files']:>7,}{r['lines']:>11,}{w['tenet cold+store']:>8.2f}{w['tenet warm']:>8.2f}"
              f"{w['tenet 1 file']:>9.2f}{w['ruff cold']:>8.2f}{w['ruff warm']:>8.2f}"
              f"{w['tenet cold+store'] / w['ruff cold']:>8.2f}{w['tenet warm'] / w['ruff warm']:>8.2f}"
              f"{w['tenet warm -PRM'] / w['ruff warm']:>8.2f}"
              f"{m['tenet cold+store'] / m['ruff cold']:>7.2f}{r['cpu']['tenet cold+store']:>9.2f}")
    print("(T cold is the cold scan recording into a fresh database, as the target asks; "
          "the per-corpus tables also give it without the store; -PRM x is the warm rescan "
          "without the permission rules, which stat every entry)")


def series():
    print(f"\nGrowth: Tenet cold (no store) over copies of homeassistant; {ROUNDS} alternating rounds, medians")
    results = {label: [] for label, _ in SERIES}
    for label, corpus in SERIES:
        run(tenet_scan(corpus) + ["--no-store"])
    for _ in range(ROUNDS):
        for label, corpus in SERIES:
            results[label].append(run(tenet_scan(corpus) + ["--no-store"]))
    base_wall = median([r[0] for r in results["1x"]])
    base_rss = median([r[1] for r in results["1x"]])
    print(f"{'copies':<8}{'wall s':>9}{'x of 1x':>9}{'peak RSS MiB':>14}{'x of 1x':>9}")
    for label, rows in results.items():
        wall, rss = median([r[0] for r in rows]), median([r[1] for r in rows])
        print(f"{label:<8}{wall:>9.2f}{wall / base_wall:>9.2f}{rss:>14.1f}{rss / base_rss:>9.2f}")


def findings_heavy():
    """Peak memory and time to write a report of 100,000 findings, Tenet
    (no store) against Ruff, in the two formats both write."""
    corpus = f"{WORK}/many-findings"
    out = f"{WORK}/many-findings-report"
    ruff = [RUFF, "check", "--no-cache", "--exit-zero", "--config", f"{WORK}/ruff.toml", corpus]
    cases = []
    for fmt in ("json", "sarif"):
        cases.append((f"tenet {fmt}", tenet_scan(corpus)[:3] + [
            "--no-store", "--fail-on", "never", "--format", fmt, "--output", out]))
        cases.append((f"ruff {fmt}", ruff + ["--output-format", fmt, "--output-file", out]))
    results = {name: [] for name, _ in cases}
    for name, cmd in cases:
        run(cmd)
    for _ in range(ROUNDS):
        for name, cmd in cases:
            results[name].append(run(cmd))
    os.remove(out)
    print(f"\nReports of 100,000 findings (2,000 files, {corpus}); {ROUNDS} alternating rounds, medians")
    print(f"{'case':<14}{'wall s':>9}{'peak RSS MiB':>14}")
    for name, rows in results.items():
        print(f"{name:<14}{median([r[0] for r in rows]):>9.2f}{median([r[1] for r in rows]):>14.1f}")
    for fmt in ("json", "sarif"):
        t, r = results[f"tenet {fmt}"], results[f"ruff {fmt}"]
        print(f"{fmt}: time {median([x[0] for x in t]) / median([x[0] for x in r]):.2f}x, "
              f"peak RSS {median([x[1] for x in t]) / median([x[1] for x in r]):.2f}x of Ruff's")


rows = [measure(label, corpus) for label, corpus in CORPORA]
summary(rows)
series()
findings_heavy()

# Parser regression guard: the pinned main corpus must parse without a
# single SYN001, so an upgrade of ruff_python_parser that breaks real code
# shows here. The other corpora report theirs (test data there may be
# deliberately broken).
failed = False
for label, corpus in CORPORA:
    out = subprocess.run(tenet_scan(corpus)[:3] + ["--format", "json", "--fail-on", "never", "--no-store"],
                         capture_output=True, check=True).stdout
    errors = json.loads(out)["summary"]["parse_errors"]
    print(f"parser: {label}: {errors} parse errors")
    failed |= corpus == CORPORA[0][1] and errors > 0
sys.exit(1 if failed else 0)
