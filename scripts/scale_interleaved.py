#!/usr/bin/env python3
"""CPU per MB of `inspect`, `breaking` and `lint --rules all` on the replicated Vapi shape at
two sizes, measured in turn: each round runs every command three times on the small input and
once on the large one. The machine's speed drifts by up to 30% over minutes, so sizes measured
one after the other, minutes apart, can differ by that much for nothing; in turn, the drift
falls on both. Prints the medians (user, and user + system) per MB and their ratio.

    scripts/scale_interleaved.py [ROUNDS] [SMALL_MB] [LARGE_MB]   (defaults: 3 10 160)

The sizes are scripts/scale.py's `replicated` argument (10 gives 11 MB, 160 gives 201 MB).
Needs a release build; the inputs are generated under target/scale when missing.
"""
import os
import resource
import statistics
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "release", "specver")
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
sizes = [sys.argv[2] if len(sys.argv) > 2 else "10", sys.argv[3] if len(sys.argv) > 3 else "160"]
work = os.path.join(root, "target", "scale")

dirs = []
for mb in sizes:
    d = os.path.join(work, f"replicated-{mb}")
    if not os.path.exists(os.path.join(d, "base.json")):
        subprocess.run([sys.executable, os.path.join(root, "scripts", "scale.py"), "replicated", mb, d], check=True)
    dirs.append(d)
megabytes = {d: os.path.getsize(os.path.join(d, "base.json")) / 1e6 for d in dirs}
commands = {
    "inspect": lambda d: [binary, "inspect", f"{d}/base.json"],
    "breaking": lambda d: [binary, "breaking", f"{d}/base.json", f"{d}/revision.json"],
    "lint": lambda d: [binary, "lint", f"{d}/base.json", "--rules", "all", "--format", "json"],
}


def cpu(command):
    """User and system seconds of one run, from the children's rusage (microseconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


runs = {(c, d): [] for c in commands for d in dirs}
for _ in range(rounds):
    for name, command in commands.items():
        for _ in range(3):
            runs[(name, dirs[0])].append(cpu(command(dirs[0])))
        runs[(name, dirs[1])].append(cpu(command(dirs[1])))

print(f"{megabytes[dirs[0]]:.1f} MB -> {megabytes[dirs[1]]:.1f} MB, {rounds} rounds")
for name in commands:
    per_mb = []
    for d in dirs:
        user = statistics.median(u for u, _ in runs[(name, d)]) / megabytes[d]
        total = statistics.median(u + s for u, s in runs[(name, d)]) / megabytes[d]
        per_mb.append((user, total))
    (u0, t0), (u1, t1) = per_mb
    print(f"{name:<8} user s/MB {u0:.5f} -> {u1:.5f} ({u1 / u0:.2f}x)   "
          f"user+sys s/MB {t0:.5f} -> {t1:.5f} ({t1 / t0:.2f}x)")
