#!/usr/bin/env python3
"""Load and checks of scripts/scale-out-test.sh, with the standard library only.

Each subcommand sends its requests with threads (one keep-alive connection per thread), prints
one JSON object with what it measured on stdout, and exits 1 when its check fails:

  rate-limit --url U --limit L --requests N --concurrency C
      N GETs from one client address (X-Forwarded-For, through nginx): 200s within 5 % of L,
      every other answer a 429 with Retry-After and the RateLimit-* headers.
  cache --first U1 --second U2
      the same analytics request to instance 1 (X-Cache: MISS), then to instance 2 (HIT).
  writes --url U --requests N --concurrency C --first-user ID --out FILE
      N concurrent POST /train with distinct transaction ids; every one must be acknowledged 2xx;
      FILE gets one "user_id external_id" line per acknowledged transaction.
  kill --url U --pid PID --port P --seconds S --concurrency C --first-user ID --out FILE
      mixed reads (GET, rotating client addresses so that no rate limit applies) and writes
      (POST /train) for S seconds; SIGKILL to PID (listening on P) halfway. A request may fail
      only when it was in flight between the kill and the port closing, and only a write
      (nginx retries reads on the other instance); FILE as for writes.
"""

import argparse
import http.client
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse

TIMEOUT_SECONDS = 30


class Client:
    """One keep-alive HTTP/1.1 connection, reopened after an error or a close."""

    def __init__(self, url):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, headers dict with lower-case names, body bytes); status 0 when the
        connection failed (reset, refused, closed without an answer)."""
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
            answer_headers = {name.lower(): value for name, value in response.getheaders()}
            if answer_headers.get("connection", "").lower() == "close":
                self.close()
            return response.status, answer_headers, payload
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return 0, {"error": repr(error)}, b""

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def client_address(n):
    """A distinct documentation-range-like address per n (10.x.y.z), for X-Forwarded-For."""
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def train_body(user_id, first_id):
    """A POST /train body for user_id: 3 months of income, spending and savings (enough to train),
    with transaction ids first_id, first_id + 1, ... (the ids stored as external_id)."""
    rows = []
    for month in (4, 5, 6):
        for kind, amount, category in (("income", 50000, "Salary"), ("expense", 20000 + month, "Rent"),
                                       ("savings", 8000, "Savings")):
            rows.append({"id": first_id + len(rows), "date": f"2025-{month:02d}-0{len(rows) % 9 + 1}",
                         "amount": amount, "type": kind, "category": category, "note": ""})
    return {"user_id": user_id, "transactions": rows}


def run_threads(count, target):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def check_rate_limit(args):
    statuses, problems, lock = {}, [], threading.Lock()
    next_request = iter(range(args.requests))
    address = "203.0.113.77"  # one client, seen by both instances through nginx

    def worker(_):
        client = Client(args.url)
        while True:
            with lock:
                if next(next_request, None) is None:
                    break
            status, headers, _body = client.request("GET", args.path, headers={"X-Forwarded-For": address})
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                missing = [h for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset",
                                       "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")
                           if h not in headers]
                if status == 429 and "retry-after" not in headers:
                    missing.append("retry-after")
                if status in (200, 429) and missing and len(problems) < 5:
                    problems.append(f"{status} without {', '.join(missing)}")
                if status in (200, 429) and headers.get("ratelimit-limit") not in (None, str(args.limit)) \
                        and len(problems) < 5:
                    problems.append(f"RateLimit-Limit {headers.get('ratelimit-limit')} instead of {args.limit}")
        client.close()

    run_threads(args.concurrency, worker)
    allowed, refused = statuses.get(200, 0), statuses.get(429, 0)
    others = args.requests - allowed - refused
    within = abs(allowed - args.limit) <= 0.05 * args.limit
    ok = within and others == 0 and not problems
    return ok, {"limit": args.limit, "requests": args.requests, "allowed_200": allowed, "refused_429": refused,
                "other": {str(k): v for k, v in statuses.items() if k not in (200, 429)},
                "allowed_within_5_percent": within, "header_problems": problems}


def check_cache(args):
    # A body of its own per run (the user id), so that nothing cached before can answer it.
    user_id = 900000 + os.getpid() % 90000
    rows = [{"date": f"{2024 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}-15", "amount": 1000 + 37 * m + (m % 3) * 90,
             "type": "expense", "category": "Food" if m % 2 else "Rent"} for m in range(1, 19)]
    body = {"user_id": user_id, "transactions": rows, "months": 3}
    first_status, first_headers, first_body = Client(args.first).request("POST", args.path, body)
    second_status, second_headers, second_body = Client(args.second).request("POST", args.path, body)
    first_cache, second_cache = first_headers.get("x-cache"), second_headers.get("x-cache")
    ok = (first_status == 200 and second_status == 200 and first_cache == "MISS" and second_cache == "HIT"
          and first_body == second_body)
    return ok, {"path": args.path, "instance_1": {"status": first_status, "x_cache": first_cache},
                "instance_2": {"status": second_status, "x_cache": second_cache},
                "same_body": first_body == second_body}


def send_writes(args, count_or_deadline, kill=None):
    """Shared by writes and kill: returns (results, acknowledged transactions)."""
    results, acknowledged, lock = [], [], threading.Lock()
    counter = iter(range(10**9))
    start = time.monotonic()

    def worker(thread):
        client = Client(args.url)
        while True:
            with lock:
                n = next(counter)
            if kill is None and n >= count_or_deadline:
                break
            if kill is not None and time.monotonic() - start >= count_or_deadline:
                break
            write = kill is None or n % 4 == 0  # under kill: one write in four, the rest reads
            begun = time.monotonic()
            if write:
                user_id = args.first_user + n % 16
                body = train_body(user_id, 1000 * n)
                status, headers, _ = client.request("POST", "/train", body,
                                                    headers={"X-Forwarded-For": client_address(n)})
                ids = [(user_id, row["id"]) for row in body["transactions"]]
            else:
                status, headers, _ = client.request("GET", args.read_path,
                                                    headers={"X-Forwarded-For": client_address(n)})
                ids = []
            ended = time.monotonic()
            with lock:
                results.append({"write": write, "status": status, "begun": begun, "ended": ended,
                                "error": headers.get("error")})
                if 200 <= status < 300:
                    acknowledged.extend(ids)
        client.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.concurrency)]
    for thread in threads:
        thread.start()
    if kill is not None:
        kill()
    for thread in threads:
        thread.join()
    return results, acknowledged


def write_acknowledged(path, acknowledged):
    with open(path, "w") as out:
        for user_id, external_id in acknowledged:
            out.write(f"{user_id} {external_id}\n")


def check_writes(args):
    results, acknowledged = send_writes(args, args.requests)
    write_acknowledged(args.out, acknowledged)
    failed = [r for r in results if not 200 <= r["status"] < 300]
    statuses = {}
    for r in results:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    return not failed, {"requests": len(results), "statuses": statuses, "acknowledged_transactions": len(acknowledged)}


def check_kill(args):
    killed_at = {}

    def kill():
        time.sleep(args.seconds / 2)
        killed_at["time"] = time.monotonic()
        os.kill(args.pid, signal.SIGKILL)
        # SIGKILL is delivered at once, but the process dies (and its sockets close) a moment
        # later: until its port refuses connections, requests can still reach it.
        while True:
            try:
                socket.create_connection(("127.0.0.1", args.port), timeout=0.1).close()
                time.sleep(0.001)
            except OSError:
                break
        killed_at["gone"] = time.monotonic()

    results, acknowledged = send_writes(args, args.seconds, kill)
    write_acknowledged(args.out, acknowledged)
    at, gone = killed_at["time"], killed_at["gone"]

    def in_flight_at_kill(r):  # begun before the instance was gone, not finished when killed
        return r["begun"] <= gone and r["ended"] >= at

    in_flight = [r for r in results if in_flight_at_kill(r)]
    failed = [r for r in results if not 200 <= r["status"] < 300]
    not_in_flight = [r for r in failed if not in_flight_at_kill(r)]
    failed_reads = [r for r in failed if not r["write"]]
    after = [r for r in results if r["begun"] > gone]
    in_flight_writes = sum(r["write"] for r in in_flight)
    ok = not not_in_flight and not failed_reads and len(failed) <= in_flight_writes and len(after) > 0
    statuses = {}
    for r in failed:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    return ok, {"requests": len(results), "reads": sum(not r["write"] for r in results),
                "writes": sum(r["write"] for r in results), "requests_after_kill": len(after),
                "in_flight_at_kill": len(in_flight), "in_flight_writes_at_kill": in_flight_writes,
                "failed": len(failed), "failed_statuses": statuses, "failed_reads": len(failed_reads),
                "failed_not_in_flight": len(not_in_flight), "acknowledged_transactions": len(acknowledged),
                "concurrency_bound": args.concurrency, "kill_to_port_closed_ms": round((gone - at) * 1000, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    rate = commands.add_parser("rate-limit")
    rate.add_argument("--url", required=True)
    rate.add_argument("--path", default="/")
    rate.add_argument("--limit", type=int, required=True)
    rate.add_argument("--requests", type=int, required=True)
    rate.add_argument("--concurrency", type=int, default=16)
    cache = commands.add_parser("cache")
    cache.add_argument("--first", required=True)
    cache.add_argument("--second", required=True)
    cache.add_argument("--path", default="/api/v1/predictions/expense/advanced")
    for name in ("writes", "kill"):
        sub = commands.add_parser(name)
        sub.add_argument("--url", required=True)
        sub.add_argument("--concurrency", type=int, default=16)
        sub.add_argument("--first-user", type=int, required=True)
        sub.add_argument("--out", required=True)
        sub.add_argument("--read-path", default="/")
    commands.choices["writes"].add_argument("--requests", type=int, required=True)
    commands.choices["kill"].add_argument("--pid", type=int, required=True)
    commands.choices["kill"].add_argument("--port", type=int, required=True, help="the killed instance's port")
    commands.choices["kill"].add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()

    check = {"rate-limit": check_rate_limit, "cache": check_cache, "writes": check_writes, "kill": check_kill}
    ok, figures = check[args.command](args)
    figures["ok"] = ok
    print(json.dumps(figures))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
