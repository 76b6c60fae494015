#!/usr/bin/env python3
"""Writes tests/api/cases/health/b22_benchmark_real_percentile.json: 30 users with known scores,
then benchmarks before and after the 30th (the minimum for a percentile). Every user has the
same two months (income 1000, expenses 700: 67 points without goals) and one goal at 3·i % of
its target, so user i scores 67 + 0.18·i, plus 4 once the goal is over 25 % (i >= 9).
Run from the repository root: python3 tools/health/make_percentile_case.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
USERS = 30
TRANSACTIONS = [{"date": "2025-09-01", "amount": 1000, "type": "income", "category": "Salary"},
                {"date": "2025-09-10", "amount": 700, "type": "expense", "category": "Rent"},
                {"date": "2025-10-01", "amount": 1000, "type": "income", "category": "Salary"},
                {"date": "2025-10-10", "amount": 700, "type": "expense", "category": "Rent"}]


def score(user):
    return round(67 + 0.18 * user + (4 if user >= 9 else 0), 2)


def post(user):
    body = {"user_id": user, "transactions": TRANSACTIONS,
            "goals": [{"goal_name": "Goal", "current_amount": 3000 * user, "target_amount": 100000}]}
    return {"request": {"method": "POST", "path": "/api/v1/insights/health-score", "body": body},
            "expect": {"status": 200, "partial": True, "tolerance": 0.01, "body": {"score": score(user)}}}


def benchmark(user, stored):
    scores = [score(u) for u in range(1, stored + 1)]
    expected = {"user_score": score(user), "peer_count": stored}
    if stored < 30:
        expected.update(percentile=None, peer_average=None, percentile_basis="insufficient_peers")
    else:
        below = sum(1 for s in scores if s < score(user))
        equal = sum(1 for s in scores if s == score(user))
        average = round(sum(scores) / len(scores), 2)
        diff = score(user) - average
        expected.update(percentile=round((below + 0.5 * equal) / len(scores) * 100, 2), peer_average=average,
                        percentile_basis="stored_users",
                        comparison="Your score is similar to your peer group average" if abs(diff) < 5 else
                        f"Your score is {abs(diff):.1f} points {'above' if diff > 0 else 'below'} your peer group average")
    return {"request": {"method": "GET", "path": f"/api/v1/insights/benchmark/{user}"},
            "expect": {"status": 200, "partial": True, "tolerance": 0.01, "body": {"benchmark": expected}}}


steps = [post(u) for u in range(1, USERS)]
steps.append(benchmark(1, USERS - 1))
steps.append(post(USERS))
steps += [benchmark(1, USERS), benchmark(10, USERS), benchmark(USERS, USERS)]
case = {"description": "B22: the percentile is a real percentile rank of the stored users' latest scores "
        "((below + half of equal) / count), given once 30 users have a score; with 29 there is none "
        "(the original answered 50 +- a relative difference to a made-up 65). Made by tools/health/make_percentile_case.py.",
        "steps": steps}
out = ROOT / "tests" / "api" / "cases" / "health" / "b22_benchmark_real_percentile.json"
out.write_text(json.dumps(case, indent=1) + "\n")
print("wrote", out.relative_to(ROOT))
