#!/usr/bin/env python3
"""Writes tests/api/fixtures/client_user8.json: the 8-month user of ../shared/data/requests
(user8.health_score.json) as the real Node client sends transactions (client-contract.md §4):
exactly {id, amount, category, type, date, note}, dates as JavaScript toISOString() timestamps
of a local midnight (UTC, UTC+05:30 and UTC-05:00 clients: same day, previous day 18:30,
same day 05:00), some types in upper case as the front end submits them, and
"Uncategorized" where a category is missing. Newest first, as the client orders them.

Usage: python3 tools/make_client_fixtures.py   (from the repository root)
"""
import datetime
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
source = json.loads((root.parent / "shared/data/requests/user8.health_score.json").read_text())

def client_timestamp(day: str, index: int) -> str:
    date = datetime.date.fromisoformat(day)
    zone = index % 3
    if zone == 0:  # TZ=UTC
        return f"{date.isoformat()}T00:00:00.000Z"
    if zone == 1:  # TZ=Asia/Colombo: local midnight is 18:30 UTC the day before
        return f"{(date - datetime.timedelta(days=1)).isoformat()}T18:30:00.000Z"
    return f"{date.isoformat()}T05:00:00.000Z"  # TZ=America/New_York (EST)

rows = []
for index, row in enumerate(sorted(source["transactions"], key=lambda r: r["date"], reverse=True)):
    kind = row["type"]
    rows.append({
        "id": 5000 + index,
        "amount": row["amount"],
        "category": row.get("category") or "Uncategorized" if index % 17 else "Uncategorized",
        "type": kind.upper() if index % 5 == 0 else kind,
        "date": client_timestamp(row["date"], index),
        "note": "",
    })

out = root / "tests/api/fixtures/client_user8.json"
out.write_text(json.dumps({"user_id": source["user_id"], "transactions": rows}, separators=(",", ":")) + "\n")
print(f"wrote {out} ({len(rows)} transactions)")
