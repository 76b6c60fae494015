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
its hyperinflation makes every method score in the hundreds). It refuses any case that is not
a tuning window. Standard library only.
"""
import csv
import math
import sys
from collections import defaultdict

TUNING_SPLITS = {"dev", "fresh_dev", "fresh2_dev"}
EXCLUDED_SERIES = {"ArgentinaCPI"}
ETS, ARIMA, THETA = "ets_adj_fast_str", "arima_adj_fast_str", "theta_adj_str"
DRIFT, DAMPED = "drift_adj_str", "ets_adj_fast_damped_str"


def bucket(n):
    return "<24" if n < 24 else ("24-59" if n < 60 else ">=60")


def variance_ratio(y, m):
    """forecaster.cpp's seasonal_variance_ratio; None where it is undefined."""
    n = len(y)
    if m < 2 or n < m + 2:
        return None

    def var(lag):
        d = [y[t] - y[t - lag] for t in range(lag, n)]
        mean = sum(d) / len(d)
        return sum((v - mean) ** 2 for v in d) / len(d)

    first = var(1)
    return var(m) / (m * first) if first > 0 else None


def drift_t(y):
    """|mean| / standard error of the first differences: how sure the series' drift is."""
    d = [b - a for a, b in zip(y, y[1:])]
    if len(d) < 2:
        return 0.0
    mean = sum(d) / len(d)
    sd = math.sqrt(sum((v - mean) ** 2 for v in d) / (len(d) - 1))
    return abs(mean) / (sd / math.sqrt(len(d))) if sd > 0 else (math.inf if mean else 0.0)


def mean_of(forecasts, weights=None):
    weights = weights or [1.0] * len(forecasts)
    return [sum(w * f[h] for w, f in zip(weights, forecasts)) / sum(weights) for h in range(len(forecasts[0]))]


def median_of(forecasts):
    out = []
    for v in zip(*forecasts):
        s, k = sorted(v), len(v)
        out.append(s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2)
    return out


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


if __name__ == "__main__":
    main()
