#!/usr/bin/env python3
"""Writes N transactions in the original's sample_transactions.csv layout (date,category,amount,type)
for the import benchmark (bench/README.md, "Users' data"). Deterministic: the same N and seed give
the same file.

    bench/make_transactions_csv.py 1000000 > /tmp/tx1m.csv
"""
import random
import sys
from datetime import datetime, timedelta

CATEGORIES = ["Food", "Transport", "Utilities", "Entertainment", "Shopping", "Healthcare",
              "Education", "Other"]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = random.Random(seed)
    out = sys.stdout
    out.write("date,category,amount,type\n")
    start = datetime(2015, 1, 1, 14, 38, 40, 706809)
    # About 40 rows a day: 1,000,000 rows span some 68 years of days, like the sample's layout.
    per_day = 40
    lines = []
    for i in range(rows):
        day = start + timedelta(days=i // per_day)
        stamp = day.strftime("%Y-%m-%d %H:%M:%S.%f")
        if i % per_day == 0:
            lines.append(f"{stamp},Income,{rng.randint(200000, 900000) / 100:.2f},income\n")
        else:
            category = CATEGORIES[rng.randrange(len(CATEGORIES))]
            lines.append(f"{stamp},{category},{rng.randint(100, 50000) / 100:.2f},expense\n")
        if len(lines) >= 10000:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


if __name__ == "__main__":
    main()
