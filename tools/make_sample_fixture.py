#!/usr/bin/env python3
"""Makes a JSON request body from the original's sample CSV (seed-api.md §6.2).

The CSV has the header `date,category,amount,type` and 284 rows whose dates all carry the same
time of day ("2024-12-10 14:38:40.706809"). Each row becomes a transaction in the shape the
real client sends (client-contract.md §4): {id, amount, category, type, date, note}, with the
date cut to "YYYY-MM-DD" (the original's analytics only look at the calendar day, and the
client's own fixtures use plain dates). Rows keep the CSV order; ids count from 1.

Usage:
    tools/make_sample_fixture.py                      # writes tests/api/fixtures/sample_transactions.json
    tools/make_sample_fixture.py --extra '{"budget": {"needs": 500}}' --out tests/api/fixtures/x.json
    tools/make_sample_fixture.py --stdout

`--extra` merges a JSON object into the body (after user_id and transactions), so a route's
other fields can ride along with the same 284 rows. The output is deterministic: re-running
the script on the same CSV gives the same bytes.
"""

import argparse
import csv
import json
import pathlib
import sys
from decimal import Decimal

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO_ROOT.parent / "shared" / "data" / "sample_transactions.csv"
DEFAULT_OUT = REPO_ROOT / "tests" / "api" / "fixtures" / "sample_transactions.json"


def read_rows(csv_path):
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.DictReader(handle), start=1):
            amount = Decimal(row["amount"])
            # A JSON number with at most the CSV's digits (5124.18, 391.7, 17): no float noise.
            number = int(amount) if amount == amount.to_integral_value() else float(row["amount"])
            yield {
                "id": index,
                "amount": number,
                "category": row["category"],
                "type": row["type"],
                "date": row["date"][:10],
                "note": "",
            }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV), help="the sample CSV")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the JSON file to write")
    parser.add_argument("--user-id", type=int, default=1)
    parser.add_argument("--extra", default="{}", help="a JSON object merged into the body")
    parser.add_argument("--stdout", action="store_true", help="print instead of writing --out")
    args = parser.parse_args()

    extra = json.loads(args.extra)
    if not isinstance(extra, dict):
        parser.error("--extra must be a JSON object")
    body = {"user_id": args.user_id, "transactions": list(read_rows(args.csv))}
    body.update(extra)

    # One transaction per line: small diffs, still valid JSON.
    lines = ["{"]
    lines.append(f'  "user_id": {json.dumps(body.pop("user_id"))},')
    lines.append('  "transactions": [')
    transactions = body.pop("transactions")
    for position, transaction in enumerate(transactions):
        comma = "," if position + 1 < len(transactions) else ""
        lines.append("    " + json.dumps(transaction, ensure_ascii=False) + comma)
    lines.append("  ]" + ("," if body else ""))
    for position, (key, value) in enumerate(body.items()):
        comma = "," if position + 1 < len(body) else ""
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    text = "\n".join(lines) + "\n"

    json.loads(text)  # what we write must parse
    if args.stdout:
        sys.stdout.write(text)
    else:
        out = pathlib.Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({len(transactions)} transactions)")


if __name__ == "__main__":
    main()
