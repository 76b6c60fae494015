#!/usr/bin/env python3
"""Compares interval-scaling rules for `auto` on the DEV split only (docs/numerics.md, "Protocol").

Run from the repository root, after building forecast_accuracy:

    nice -n 10 build/forecast/bench/forecast_accuracy --split dev --methods auto --dump /tmp/dev_auto.csv
    python3 tools/forecast/calibrate_auto_interval.py /tmp/dev_auto.csv

The dump holds auto's bounds with the rule in force (sqrt(1 + c h / n) since v4, c = V5_C
below in v5; pass --current v4 for a dump made with v4's c = 6.5, or --current v3 for v3's
1 + 2 / sqrt(n)). The script backs out the unscaled
combined half-widths, then for each candidate rule finds the constant that gives 95.0% dev
coverage and prints the coverage by history bucket and by bucket x forecast step. It refuses
any split other than dev. Standard library only.
"""
import csv
import math
import sys
from collections import defaultdict

V5_C = 7.9  # the constant in force in forecaster.cpp (kAutoIntervalInflation) since v5

RULES = {
    "1 + c / sqrt(n)": lambda h, n, c: 1 + c / math.sqrt(n),
    "1 + c h / sqrt(n)": lambda h, n, c: 1 + c * h / math.sqrt(n),
    "1 + c h^0.75 / sqrt(n)": lambda h, n, c: 1 + c * h**0.75 / math.sqrt(n),
    "sqrt(1 + c h / n)": lambda h, n, c: math.sqrt(1 + c * h / n),
    "1 + c h / n": lambda h, n, c: 1 + c * h / n,
}
CURRENT = {
    "v5": lambda h, n: math.sqrt(1 + V5_C * h / n),
    "v4": lambda h, n: math.sqrt(1 + 6.5 * h / n),
    "v3": lambda h, n: 1 + 2 / math.sqrt(n),
}


def bucket(n):
    return "<24" if n < 24 else ("24-59" if n < 60 else ">=60")


def steps(h):
    return "1-3" if h <= 3 else ("4-6" if h <= 6 else "7-12")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    version = next((v for v in CURRENT if "--current" in sys.argv and v in sys.argv), "v5")
    current = CURRENT[version]
    cases = {r["id"]: r for r in csv.DictReader(open("bench/forecast/data/cases.csv"))}
    points = []
    for r in csv.DictReader(open(args[0])):
        if r["method"] != "auto":
            continue
        case = cases[r["id"]]
        if case["split"] != "dev":
            sys.exit("only dev cases may be used for calibration: " + r["id"])
        n = int(r["history"])
        mean, lower, upper = (list(map(float, r[k].split())) for k in ("mean", "lower", "upper"))
        for i, y in enumerate(map(float, case["future_values"].split())):
            k = current(i + 1, n)
            points.append((n, i + 1, y, mean[i], (mean[i] - lower[i]) / k, (upper[i] - mean[i]) / k))

    def coverage(scale):
        t = defaultdict(lambda: [0, 0])
        for n, h, y, m, dl, du in points:
            k = scale(h, n)
            inside = m - k * dl <= y <= m + k * du
            for key in ((bucket(n), "*"), (bucket(n), steps(h)), ("all", "*")):
                t[key][0] += inside
                t[key][1] += 1
        return {key: 100.0 * a / b for key, (a, b) in t.items()}

    print(f"dev points: {len(points)}; unscaled coverage {coverage(lambda h, n: 1.0)[('all', '*')]:.1f}%")
    print("rule | c | <24 | 24-59 | >=60 | worst cell | cells (<24, 24-59, >=60 x steps 1-3, 4-6, 7-12)")
    for name, rule in RULES.items():
        lo, hi = 0.0, 50.0
        for _ in range(50):
            c = (lo + hi) / 2
            if coverage(lambda h, n: rule(h, n, c))[("all", "*")] < 95.0:
                lo = c
            else:
                hi = c
        t = coverage(lambda h, n: rule(h, n, hi))
        cells = [(b, s) for b in ("<24", "24-59", ">=60") for s in ("1-3", "4-6", "7-12")]
        worst = max(abs(t[k] - 95.0) for k in cells)
        print(f"{name} | {hi:.3f} | " + " | ".join(f"{t[(b, '*')]:.1f}" for b in ("<24", "24-59", ">=60"))
              + f" | {worst:.1f} | " + " ".join(f"{t[k]:.1f}" for k in cells))


if __name__ == "__main__":
    main()
