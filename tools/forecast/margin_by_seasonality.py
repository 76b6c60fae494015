#!/usr/bin/python3
"""auto's margin over R's auto.arima() and ets() by split and by class of series: seasonal
(STL seasonal strength above 0.5 on the longest history the split has of the series) or not
(docs/numerics.md, "Where the margin comes from"). Needs Debian's python3-statsmodels (hence
/usr/bin/python3). Run from the repository root with one CASES:DUMP:SPLIT triple per split, the
dumps from forecast_accuracy --methods auto --dump (they carry R's rows too), e.g.

    build/bench/bench/forecast_accuracy --split test --methods auto --dump /tmp/dump_test.csv
    /usr/bin/python3 tools/forecast/margin_by_seasonality.py \\
        bench/forecast/data/cases.csv:/tmp/dump_test.csv:test

ArgentinaCPI is left out (its hyperinflation makes every method score in the hundreds).
"""
import csv
import sys
from collections import defaultdict

import numpy as np
from statsmodels.tsa.seasonal import STL

EXCLUDED_SERIES = {"ArgentinaCPI"}


def seasonal_strength(y, period):
    """Wang, Smith and Hyndman's strength of seasonality: 1 - var(remainder) / var(season + remainder)."""
    y = np.asarray(y, dtype=float)
    if len(y) < 2 * period + 1:
        return 0.0
    fit = STL(y, period=period, robust=True).fit()
    both = np.var(fit.resid + fit.seasonal)
    return max(0.0, 1.0 - np.var(fit.resid) / both) if both > 0 else 0.0


def rows_for(cases_path, dump_path, split):
    cases = {r["id"]: r for r in csv.DictReader(open(cases_path)) if r["split"] == split}
    longest = {}
    for c in cases.values():
        if c["series"] not in longest or int(c["history"]) > int(longest[c["series"]]["history"]):
            longest[c["series"]] = c
    kind = {}
    for name, c in longest.items():
        values = [float(v) for v in c["history_values"].split()]
        kind[name] = "seasonal" if seasonal_strength(values, int(c["period"])) > 0.5 else "non-seasonal"
    mase = defaultdict(lambda: defaultdict(list))
    for r in csv.DictReader(open(dump_path)):
        c = cases.get(r["id"])
        if c is None or c["series"] in EXCLUDED_SERIES:
            continue
        for group in (kind[c["series"]], "all"):
            mase[group][r["method"]].append(float(r["mase"]))
    for group in ("seasonal", "non-seasonal", "all"):
        by_method = mase[group]
        if not by_method.get("auto"):
            continue
        mean = {m: sum(v) / len(v) for m, v in by_method.items()}
        series = sum(1 for name in kind if name not in EXCLUDED_SERIES and (group == "all" or kind[name] == group))
        yield (split, group, series, len(by_method["auto"]), mean["auto"], mean["R auto.arima"], mean["R ets"])


def main():
    print("| split | series | n series | cases | auto | R auto.arima | R ets | below auto.arima | below ets |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for triple in sys.argv[1:]:
        cases_path, dump_path, split = triple.split(":")
        for split, group, series, count, auto, arima, ets in rows_for(cases_path, dump_path, split):
            print(f"| {split} | {group} | {series} | {count} | {auto:.3f} | {arima:.3f} | {ets:.3f} | "
                  f"{100 * (1 - auto / arima):.1f}% | {100 * (1 - auto / ets):.1f}% |")


if __name__ == "__main__":
    main()
