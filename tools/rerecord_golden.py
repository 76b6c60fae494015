#!/usr/bin/env python3
"""Re-records the expected bodies of golden HTTP cases (tests/api/cases/**.json) from what the
finml binary answers now, after a deliberate change of behaviour (a model that forecasts
better changes every forecast). Placeholders ("$number", {"$length": n}, ...) are kept, and a
"partial" expectation keeps only the keys it already had. The status codes are never rewritten:
a step whose status differs is reported and left alone. Review the diff before committing.

Usage: tools/rerecord_golden.py path/to/finml tests/api/cases/forecast/x.json [more.json ...]
"""
import json
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent


def is_placeholder(value):
    if isinstance(value, str):
        return value in ("$any", "$number", "$string", "$array", "$object", "$boolean")
    return isinstance(value, dict) and len(value) == 1 and ("$length" in value or "$one_of" in value)


def update(old, actual, partial):
    if is_placeholder(old):
        return old
    if isinstance(old, dict) and isinstance(actual, dict):
        keys = [k for k in old if k in actual] if partial else list(actual)
        return {k: update(old[k], actual[k], partial) if k in old else actual[k] for k in keys}
    if isinstance(old, list) and isinstance(actual, list) and len(old) == len(actual):
        return [update(o, a, partial) for o, a in zip(old, actual)]
    return actual


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def body_of(request):
    if "raw_body" in request:
        return request["raw_body"].encode()
    if "body_file" in request:
        path = request["body_file"]
        path = ROOT.parent / "shared" / path[len("$SHARED/"):] if path.startswith("$SHARED/") else ROOT / path
        body = json.loads(path.read_text())
        body.update(request.get("body_merge", {}))
        return json.dumps(body).encode()
    return json.dumps(request["body"]).encode() if "body" in request else b""


def run_case(finml, case_path):
    spec = json.loads(pathlib.Path(case_path).read_text())
    port = free_port()
    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, FIXED_NOW=spec.get("fixed_now", "2025-12-08T12:00:00Z"))
        server = subprocess.Popen([finml, "serve", "--port", str(port), "--database-url", f"sqlite:///{work}/x.db",
                                   "--env-file", "/dev/null"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/health")
                    break
                except Exception:
                    time.sleep(0.05)
            for index, step in enumerate(spec["steps"]):
                request, expect = step["request"], step["expect"]
                call = urllib.request.Request(f"http://127.0.0.1:{port}{request['path']}", data=body_of(request) or None,
                                              method=request["method"], headers={"Content-Type": "application/json"})
                try:
                    answer = urllib.request.urlopen(call)
                    status, text = answer.status, answer.read()
                except urllib.error.HTTPError as error:
                    status, text = error.code, error.read()
                if status != expect["status"]:
                    print(f"{case_path} step {index}: status {status}, expected {expect['status']}: left alone")
                    continue
                if "body" in expect:
                    expect["body"] = update(expect["body"], json.loads(text), expect.get("partial", False))
        finally:
            server.terminate()
            server.wait()
    pathlib.Path(case_path).write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for case in sys.argv[2:]:
        run_case(sys.argv[1], case)
        print(f"re-recorded {case}")
