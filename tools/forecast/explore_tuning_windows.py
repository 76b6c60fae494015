#!/usr/bin/env python3
"""Tries changes of auto's short-history pool on the TUNING windows only (docs/numerics.md,
"Tuning windows"): cases.csv's dev split and the windows ending 24 and 48 points before the end
of the fresh and fresh2 series (make_fresh_cases.R --tuning, make_fresh2_cases.R --tuning).
Run from the repository root, after building forecast_accuracy:

    python3 - <<'PY'   # one file with the three tuning splits
    import csv
    rows = [l for p, s in (("cases.csv", "dev"), ("fresh_dev_cases.csv", "fresh_dev"),
            ("fresh2_dev_cases.csv", "fresh2_dev"))
            for l in open("bench/forecast/data/" + p).read().splitlines()[1:] if l.split(",")[3] == s]
    open("/tmp/tuning_cases.csv", "w").write(open("bench/forecast/data/cases.csv").readline() + "\\n".join(rows) + "\\n")
    PY
    nice build/bench/bench/forecast_accuracy --cases /tmp/tuning_cases.csv --r-forecasts /dev/null \\
        --split all --methods auto,snaive,naive,ets,theta,ets_adj_fast_str,arima_adj_fast_str,\\
    theta_adj_str,drift_adj_str,ets_adj_fast_damped_str,theta_adj_str_log,full_theta_log,\\
    ets_adj_fast_str_log,arima_adj_fast_str_log --dump /tmp/tuning_members.csv
    python3 tools/forecast/explore_tuning_windows.py /tmp/tuning_cases.csv /tmp/tuning_members.csv

Prints mean MASE by tuning split and history bucket for each variant (ArgentinaCPI left out:
its hyperinflation makes every method score in the hundreds), then whether choosing the pool per
series from simple features could do better (an oracle bound and a cross-validated tree). It
refuses any case that is not a tuning window. Standard library only.
"""
import csv
import math
import random
import sys
from collections import defaultdict

# The v5 experiments' helpers: history buckets, the seasonal variance ratio, mean and median.
from explore_auto_pool import avg as mean_of
from explore_auto_pool import bucket, variance_ratio
from explore_auto_pool import med as median_of

TUNING_SPLITS = {"dev", "fresh_dev", "fresh2_dev"}
EXCLUDED_SERIES = {"ArgentinaCPI"}
ETS, ARIMA, THETA = "ets_adj_fast_str", "arima_adj_fast_str", "theta_adj_str"
DRIFT, DAMPED = "drift_adj_str", "ets_adj_fast_damped_str"


def drift_t(y):
    """|mean| / standard error of the first differences: how sure the series' drift is."""
    d = [b - a for a, b in zip(y, y[1:])]
    if len(d) < 2:
        return 0.0
    mean = sum(d) / len(d)
    sd = math.sqrt(sum((v - mean) ** 2 for v in d) / (len(d) - 1))
    return abs(mean) / (sd / math.sqrt(len(d))) if sd > 0 else (math.inf if mean else 0.0)


def uses_seasonal_naive(c):
    ratio = variance_ratio(c["y"], c["m"])
    return c["n"] >= c["m"] and (ratio is None or ratio < 0.25)


def variant(benchmark_members, combine=mean_of, weights=None, drift_t_above=None, strong_drift_member=None):
    """auto with another short pool where v5 takes the naive member ("N" names it); the long pool
    and the seasonal-naive short pool stay v5's."""

    def run(c, f):
        if c["n"] >= 61:
            return mean_of([f["ets"], f["theta"], f[ARIMA]])
        if uses_seasonal_naive(c):
            return mean_of([f["snaive"], f[ETS], f[ARIMA]])
        members = list(benchmark_members)
        if drift_t_above is not None and drift_t(c["y"]) > drift_t_above:
            members = ([strong_drift_member if m == "N" else m for m in members] if strong_drift_member
                       else [m for m in members if m != "N"])
        forecasts = [f["naive"] if m == "N" else f[m] for m in members]
        return combine(forecasts, weights) if combine is mean_of else combine(forecasts)

    return run


VARIANTS = [
    ("v5: naive, ETS, ARIMA", variant(["N", ETS, ARIMA])),
    ("ETS, ARIMA", variant([ETS, ARIMA])),
    ("ETS, ARIMA, Theta", variant([ETS, ARIMA, THETA])),
    ("naive, ETS, ARIMA, Theta", variant(["N", ETS, ARIMA, THETA])),
    ("naive (weight 0.5), ETS, ARIMA", variant(["N", ETS, ARIMA], weights=[0.5, 1, 1])),
    ("naive, ETS, Theta", variant(["N", ETS, THETA])),
    ("ETS, Theta", variant([ETS, THETA])),
    ("median of naive, ETS, ARIMA", variant(["N", ETS, ARIMA], combine=median_of)),
    ("naive, ETS, ARIMA, damped ETS", variant(["N", ETS, ARIMA, DAMPED])),
    ("naive, ETS, ARIMA, drift", variant(["N", ETS, ARIMA, DRIFT])),
    ("full ETS alone", variant(["ets"])),
    ("naive, ETS, ARIMA, Theta on log(y)", variant(["N", ETS, ARIMA, "theta_adj_str_log"])),
    ("v5, naive dropped when drift t > 5", variant(["N", ETS, ARIMA], drift_t_above=5)),
    ("v5, naive -> drift when drift t > 5", variant(["N", ETS, ARIMA], drift_t_above=5, strong_drift_member=DRIFT)),
    ("v5, naive dropped when drift t > 20", variant(["N", ETS, ARIMA], drift_t_above=20)),
]


# Pools a per-series choice could pick among (below 61 points; "B" is v5's benchmark member).
SELECTABLE_POOLS = {
    "v5": ["B", ETS, ARIMA], "ETS, ARIMA, Theta": [ETS, ARIMA, THETA], "v5 + drift": ["B", ETS, ARIMA, DRIFT],
    "ETS": [ETS], "B": ["B"], "v5 + Theta": ["B", ETS, ARIMA, THETA], "ETS, Theta": [ETS, THETA],
    "ARIMA": [ARIMA], "drift, ETS": [DRIFT, ETS],
}


def features(c):
    """What a selector may look at: log n, log(1 + drift t), lag-1 and lag-m autocorrelation of
    the differences, log variance ratio (-3 where undefined)."""
    y, m = c["y"], c["m"]
    d = [b - a for a, b in zip(y, y[1:])]

    def acf(lag):
        mean = sum(d) / len(d)
        total = sum((v - mean) ** 2 for v in d)
        if total == 0 or len(d) <= lag:
            return 0.0
        return sum((d[t] - mean) * (d[t - lag] - mean) for t in range(lag, len(d))) / total

    ratio = variance_ratio(y, m)
    return [math.log(len(y)), math.log1p(min(drift_t(y), 100.0)), acf(1), acf(m),
            math.log(ratio) if ratio else -3.0]


def grow(rows, depth, min_leaf):
    """A tree that picks one pool per leaf, splitting where the sum of MASE falls most."""
    sums = [sum(r[2][k] for r in rows) for k in range(len(SELECTABLE_POOLS))]
    leaf = min(range(len(sums)), key=sums.__getitem__)
    if depth == 0 or len(rows) < 2 * min_leaf:
        return leaf
    best = None
    for j in range(len(rows[0][1])):
        values = sorted(r[1][j] for r in rows)
        for q in range(1, 10):
            cut = values[len(values) * q // 10]
            left = [r for r in rows if r[1][j] <= cut]
            right = [r for r in rows if r[1][j] > cut]
            if len(left) < min_leaf or len(right) < min_leaf:
                continue
            cost = sum(min(sum(r[2][k] for r in part) for k in range(len(sums))) for part in (left, right))
            if best is None or cost < best[0]:
                best = (cost, j, cut, left, right)
    if best is None or best[0] >= sums[leaf] - 1e-9:
        return leaf
    return (best[1], best[2], grow(best[3], depth - 1, min_leaf), grow(best[4], depth - 1, min_leaf))


def pick(tree, x):
    while isinstance(tree, tuple):
        tree = tree[2] if x[tree[0]] <= tree[1] else tree[3]
    return tree


def selection(cases, forecasts):
    """Could a per-series choice of pool beat v5? The best fixed pool per series in hindsight
    (an oracle), and a tree on features() under 10-fold cross-validation by series."""
    rows = []
    for case_id, c in cases.items():
        if c["series"] in EXCLUDED_SERIES or c["n"] >= 61:
            continue
        f = forecasts[case_id]
        scores = []
        for members in SELECTABLE_POOLS.values():
            chosen = [(f["snaive"] if uses_seasonal_naive(c) else f["naive"]) if m == "B" else f[m] for m in members]
            mean = mean_of(chosen)
            scores.append(sum(abs(a - b) for a, b in zip(mean, c["future"])) / len(c["future"]) / c["scale"])
        rows.append((c["split"] + ":" + c["series"], features(c), scores))
    v5 = sum(r[2][0] for r in rows) / len(rows)
    by_series = defaultdict(lambda: [0.0] * len(SELECTABLE_POOLS))
    for series, _, scores in rows:
        by_series[series] = [a + b for a, b in zip(by_series[series], scores)]
    oracle = sum(min(v) for v in by_series.values()) / len(rows)
    print(f"{len(rows)} cases under 61 points from {len(by_series)} series: v5 {v5:.3f}, "
          f"best pool per series in hindsight {oracle:.3f}")
    series = sorted(by_series)
    random.Random(1).shuffle(series)
    folds = [set(series[i::10]) for i in range(10)]
    for depth in (1, 2, 3):
        for min_leaf in (60, 150):
            total = 0.0
            for fold in folds:
                tree = grow([r for r in rows if r[0] not in fold], depth, min_leaf)
                total += sum(r[2][pick(tree, r[1])] for r in rows if r[0] in fold)
            print(f"tree depth {depth}, at least {min_leaf} cases a leaf, cross-validated by series: "
                  f"{total / len(rows):.3f} ({100 * (1 - total / len(rows) / v5):.1f}% below v5)")


def main():
    cases = {}
    for r in csv.DictReader(open(sys.argv[1])):
        if r["split"] not in TUNING_SPLITS:
            sys.exit(f"{r['id']} is in split {r['split']}, not a tuning window: refused")
        cases[r["id"]] = dict(
            split=r["split"], series=r["series"], n=int(r["history"]), m=int(r["period"]), scale=float(r["scale"]),
            y=[float(v) for v in r["history_values"].split()], future=[float(v) for v in r["future_values"].split()])
    forecasts = defaultdict(dict)
    for r in csv.DictReader(open(sys.argv[2])):
        if r["id"] in cases:
            forecasts[r["id"]][r["method"]] = [float(v) for v in r["mean"].split()]
    columns = [(s, b) for s in sorted(TUNING_SPLITS) + ["all"] for b in ("<24", "24-59", ">=60", "all")]
    print("| variant | " + " | ".join(f"{s} {b}" for s, b in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, run in VARIANTS:
        errors = defaultdict(list)
        for case_id, c in cases.items():
            if c["series"] in EXCLUDED_SERIES:
                continue
            mean = run(c, forecasts[case_id])
            mase = sum(abs(a - b) for a, b in zip(mean, c["future"])) / len(c["future"]) / c["scale"]
            for s in (c["split"], "all"):
                errors[(s, bucket(c["n"]))].append(mase)
                errors[(s, "all")].append(mase)
        cells = [f"{sum(errors[k]) / len(errors[k]):.3f}" if errors[k] else "-" for k in columns]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    selection(cases, forecasts)


if __name__ == "__main__":
    main()
