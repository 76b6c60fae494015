#!/usr/bin/env python3
"""Writes the health-score request bodies used by the unit and golden tests from the original's
sample data (../shared/data/sample_transactions.csv), as seed-api.md 2.11 and 3.4 used them:

- tests/api/fixtures/health_sample_request.json: every row, emergency_savings 10000,
  monthly_debt_payment 500, one active goal 25000/50000 (the first verified example);
- tests/api/fixtures/health_sample40_request.json: the first 40 rows, emergency_savings 1000,
  monthly_debt_payment 3000, one goal 1000/50000 (the second verified example).

Dates are truncated to YYYY-MM-DD (seed-api.md 9). Run from the repository root:
    python3 tools/health/make_sample_fixtures.py
"""
import csv
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "data" / "sample_transactions.csv"
FIXTURES = ROOT / "tests" / "api" / "fixtures"


def rows():
    with SAMPLE.open(newline="") as handle:
        for row in csv.DictReader(handle):
            yield {"date": row["date"][:10], "category": row["category"], "amount": float(row["amount"]),
                   "type": row["type"]}


def write(name, body):
    path = FIXTURES / name
    path.write_text(json.dumps(body, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({len(body['transactions'])} transactions)")


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    transactions = list(rows())
    write("health_sample_request.json", {
        "user_id": 1, "transactions": transactions, "emergency_savings": 10000, "monthly_debt_payment": 500,
        "goals": [{"goal_name": "Car", "status": "active", "current_amount": 25000, "target_amount": 50000}]})
    write("health_sample40_request.json", {
        "user_id": 2, "transactions": transactions[:40], "emergency_savings": 1000, "monthly_debt_payment": 3000,
        "goals": [{"goal_name": "Car", "status": "active", "current_amount": 1000, "target_amount": 50000}]})


if __name__ == "__main__":
    main()
