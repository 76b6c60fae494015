#!/usr/bin/env python3
"""Reproduces the v5 experiments on auto's point forecasts, on the DEV split only
(docs/numerics.md, "Protocol", v5). Run from the repository root, after building
forecast_accuracy:

    nice -n 10 build/forecast/bench/forecast_accuracy --split dev \\
        --methods snaive,naive,ets,theta,ets_adj_fast_str,arima_adj_fast_str,ets_adj_fast_damped_str,theta_adj_str,drift_adj_str \\
        --dump /tmp/dev_members.csv
    python3 tools/forecast/explore_auto_pool.py /tmp/dev_members.csv

The dump holds each member's forecasts per case; the script combines them offline as auto would
(below 61 points: ETS and ARIMA on seasonally adjusted data, `*_adj_fast_str`, plus a benchmark
member; from 61 points: full ETS, Theta and that ARIMA) and prints the mean MASE by history
bucket for each variant. "vr" is the seasonal variance ratio of forecaster.cpp
(seasonal_variance_ratio): var(y_t - y_{t-m}) / (m var(y_t - y_{t-1})), undefined below m + 2
points. It refuses any case that is not dev. Standard library only.
"""
import csv
import sys
from collections import defaultdict

CASES = "bench/forecast/data/cases.csv"


def bucket(n):
    return "<24" if n < 24 else ("24-59" if n < 60 else ">=60")


def variance_ratio(y, m):
    n = len(y)
    if m < 2 or n < m + 2:
        return None

    def var(lag):
        d = [y[t] - y[t - lag] for t in range(lag, n)]
        mean = sum(d) / len(d)
        return sum((v - mean) ** 2 for v in d) / len(d)

    first = var(1)
    return var(m) / (m * first) if first > 0 else None


def avg(forecasts, weights=None):
    weights = weights or [1.0] * len(forecasts)
    return [sum(w * f[h] for w, f in zip(weights, forecasts)) / sum(weights) for h in range(len(forecasts[0]))]


def med(forecasts):
    out = []
    for v in zip(*forecasts):
        s, k = sorted(v), len(v)
        out.append(s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2)
    return out


def main():
    cases = {r["id"]: r for r in csv.DictReader(open(CASES))}
    F = defaultdict(dict)
    for r in csv.DictReader(open(sys.argv[1])):
        if cases.get(r["id"], {}).get("split") != "dev":
            sys.exit("only dev cases may be used: " + r["id"])
        F[r["id"]][r["method"]] = list(map(float, r["mean"].split()))
    info = {}
    for i in F:
        c = cases[i]
        y = list(map(float, c["history_values"].split()))
        info[i] = (len(y), int(c["period"]), variance_ratio(y, int(c["period"])))

    def mase(i, mean):
        c = cases[i]
        fut = list(map(float, c["future_values"].split()))
        return sum(abs(a - b) for a, b in zip(mean, fut)) / len(fut) / float(c["scale"])

    def auto(i, bench="v4", lo=0.25, other="naive", weight=1.0, comb=avg, extra=(), long_pool=None):
        n, m, vr = info[i]
        f = F[i]
        if n >= 61:
            return (long_pool or (lambda f: avg([f["ets"], f["theta"], f["arima_adj_fast_str"]])))(f)
        members = [f["ets_adj_fast_str"], f["arima_adj_fast_str"]] + [f[e] for e in extra]
        full_season = m >= 2 and n >= m
        if bench == "v4":
            b = f["snaive"] if full_season else None
        elif bench == "none":
            b = None
        else:  # "gate": seasonal naive when vr < lo or undefined, `other` otherwise
            b = f["snaive"] if full_season and (vr is None or vr < lo) else f[other]
        if b is None:
            return comb(members)
        if comb is med:
            return med(members + [b])
        return avg(members + [b], [1.0] * len(members) + [weight])

    rows = [
        ("v4: seasonal naive whenever a full season is present", {}),
        ("v4 without seasonal naive", {"bench": "none"}),
        ("v4, median instead of mean", {"comb": med}),
        ("v4 + theta (adjusted)", {"extra": ("theta_adj_str",)}),
        ("v4 + damped-trend ETS (adjusted)", {"extra": ("ets_adj_fast_damped_str",)}),
        ("v4 + drift (adjusted)", {"extra": ("drift_adj_str",)}),
    ]
    for other in ("naive", "theta_adj_str", "ets_adj_fast_damped_str", "drift_adj_str"):
        rows.append((f"seasonal naive iff vr < 0.5, else {other}", {"bench": "gate", "lo": 0.5, "other": other}))
    for lo in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 1e9):
        rows.append((f"seasonal naive iff vr < {lo:g}, else naive", {"bench": "gate", "lo": lo}))
    for w in (0.5, 0.75, 1.25, 1.5, 2.0):
        rows.append((f"v5 with benchmark weight {w:g}", {"bench": "gate", "weight": w}))
    longs = {
        "+ ETS (adjusted, fast)": lambda f: avg([f["ets"], f["theta"], f["arima_adj_fast_str"], f["ets_adj_fast_str"]]),
        "+ damped ETS": lambda f: avg([f["ets"], f["theta"], f["arima_adj_fast_str"], f["ets_adj_fast_damped_str"]]),
        "+ seasonal naive": lambda f: avg([f["ets"], f["theta"], f["arima_adj_fast_str"], f["snaive"]]),
        "+ naive": lambda f: avg([f["ets"], f["theta"], f["arima_adj_fast_str"], f["naive"]]),
        "median of it + seasonal naive": lambda f: med([f["ets"], f["theta"], f["arima_adj_fast_str"], f["snaive"]]),
        "ETS + Theta only": lambda f: avg([f["ets"], f["theta"]]),
    }
    for name, fn in longs.items():
        rows.append((f"v5, long pool {name}", {"bench": "gate", "long_pool": fn}))
    print("variant | <24 | 24-59 | >=60 | all")
    for name, kw in rows:
        t = defaultdict(list)
        for i in F:
            v = mase(i, auto(i, **kw))
            t[bucket(info[i][0])].append(v)
            t["all"].append(v)
        print(name + " | " + " | ".join(f"{sum(t[b]) / len(t[b]):.3f}" for b in ("<24", "24-59", ">=60", "all")))


if __name__ == "__main__":
    main()
