#!/usr/bin/env python3
"""The OpenAPI document (GET /openapi.json) against the real finml binary.

- It is a well-formed OpenAPI 3.1 document whose schemas are JSON Schema 2020-12 and whose
  $refs all resolve.
- Its paths and methods are exactly the route table (GET / lists every route).
- Every golden case (tests/api/cases) is replayed and each answer's status must be documented
  for its route and its body must validate against the documented schema.
- GET /docs is an HTML page that loads only finml's own assets, each served with its type.
- Request schemas agree with the readers: every body a golden case gets a 2xx for validates, and
  each member of those bodies, changed to a value the server refuses (422), is refused by the
  schema too, unless the refusal depends on other members or stored data (listed below).

Usage: openapi_test.py FINML_BINARY SOURCE_DIR   (ctest passes both; needs python3-jsonschema)
"""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.validators import RefResolver

BINARY = ""
SOURCE_DIR = Path(".")
DEFAULT_NOW = "2025-12-08T12:00:00Z"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class FinmlServer:
    """finml serve on a free loopback port with its own SQLite file."""

    def __init__(self, environment=None):
        self.directory = tempfile.mkdtemp(prefix="finml-openapi-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = dict(os.environ)
        env.update({"PORT": str(self.port), "HOST": "127.0.0.1", "WORKERS": "2", "LOG_LEVEL": "ERROR",
                    "DATABASE_URL": f"sqlite:///{self.directory}/finml.db"})
        env.update(environment or {})
        Path(self.directory, "none.env").touch()  # keeps a developer's ./.env out
        self.process = subprocess.Popen([BINARY, "serve", "--env-file", f"{self.directory}/none.env"],
                                        cwd=self.directory, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("finml did not start: " + self.process.stderr.read().decode())
                time.sleep(0.02)

    def create_admin_key(self):
        """`finml keys create --admin` on this server's database; the key it prints."""
        result = subprocess.run([BINARY, "keys", "create", "--admin", "--env-file", f"{self.directory}/none.env"],
                                cwd=self.directory, capture_output=True, text=True, timeout=30, check=True,
                                env={**os.environ, "DATABASE_URL": f"sqlite:///{self.directory}/finml.db"})
        return json.loads(result.stdout)["key"]

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.process.stderr.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def request(connection, method, path, body=b"", headers=None):
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def merge_patch(target, patch):
    """RFC 7386, as the golden harness applies body_merge."""
    if not isinstance(patch, dict):
        return patch
    if not isinstance(target, dict):
        target = {}
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = merge_patch(target.get(key), value)
    return target


def request_body(spec):
    """The bytes the golden harness sends for a step's request (tests/api/README.md)."""
    if "raw_body" in spec:
        return spec["raw_body"].encode()
    if "body_file" in spec:
        path = spec["body_file"]
        file = SOURCE_DIR / ".." / "shared" / path[len("$SHARED/"):] if path.startswith("$SHARED/") else SOURCE_DIR / path
        text = file.read_text()
        if "body_merge" in spec:
            return json.dumps(merge_patch(json.loads(text), spec["body_merge"])).encode()
        return text.encode()
    if "body" in spec:
        return json.dumps(spec["body"]).encode()
    return b""


def golden_case_files():
    return sorted((SOURCE_DIR / "tests" / "api" / "cases").rglob("*.json"))


def replay(case_file):
    """Runs one golden case on a fresh server; yields (step request, status, headers, body bytes)."""
    case = json.loads(case_file.read_text())
    with FinmlServer({"FIXED_NOW": case.get("fixed_now", DEFAULT_NOW)}) as server:
        connection = server.connection()
        admin_key = None
        for step in case["steps"]:
            spec = step["request"]
            step_headers = dict(spec.get("headers", {}))
            for name, value in step_headers.items():
                if value == "$ADMIN_KEY":  # as the golden harness: an admin key made on first use
                    admin_key = admin_key or server.create_admin_key()
                    step_headers[name] = admin_key
            status, headers, body = request(connection, spec["method"], spec["path"], request_body(spec),
                                            step_headers)
            yield spec, status, headers, body
        connection.close()


def template_pattern(template):
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


def route_table(server):
    """{(METHOD, template)} from GET /, which lists the route table itself."""
    connection = server.connection()
    status, _, body = request(connection, "GET", "/")
    connection.close()
    assert status == 200, body
    return {tuple(key.split(" ", 1)) for key in json.loads(body)["endpoints"]}


class Document:
    """The OpenAPI document with $ref resolution for validating bodies against its schemas."""

    def __init__(self, document):
        self.document = document
        self.resolver = RefResolver("", document)
        self.patterns = [(template_pattern(path), path) for path in document.get("paths", {})]

    def template_of(self, path):
        path = path.split("?", 1)[0]
        matches = [template for pattern, template in self.patterns if pattern.match(path)]
        # A literal template wins over one with parameters, as in the router.
        matches.sort(key=lambda template: template.count("{"))
        return matches[0] if matches else None

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def response_schema(self, path, method, status):
        """The JSON schema documented for that answer; raises AssertionError when undocumented."""
        template = self.template_of(path)
        assert template is not None, f"{path} matches no documented path"
        operation = self.document["paths"][template].get(method.lower())
        assert operation is not None, f"{method} {template} is not documented"
        response = operation["responses"].get(str(status)) or operation["responses"].get("default")
        assert response is not None, f"{method} {template}: status {status} is not documented"
        response = self.resolve(response)
        media = response.get("content", {}).get("application/json")
        assert media is not None, f"{method} {template} {status}: no application/json schema documented"
        return media["schema"]

    def validate(self, schema, instance):
        """The validation errors of an instance, as readable lines."""
        validator = Draft202012Validator(schema, resolver=self.resolver)
        return [f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message[:300]}"
                for error in validator.iter_errors(instance)]


def load_document():
    """The served document, the route table and finml's version."""
    with FinmlServer() as server:
        connection = server.connection()
        status, headers, body = request(connection, "GET", "/openapi.json")
        version = json.loads(request(connection, "GET", "/")[2])["version"]
        connection.close()
        routes = route_table(server)
    assert status == 200, status
    assert headers["content-type"].startswith("application/json"), headers
    return json.loads(body), routes, version


class OpenApiDocumentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.raw, cls.routes, cls.version = load_document()
        cls.document = Document(cls.raw)

    def test_is_an_openapi_3_1_document(self):
        doc = self.raw
        self.assertRegex(doc.get("openapi", ""), r"^3\.1\.\d+$")
        self.assertEqual(doc.get("jsonSchemaDialect", "https://spec.openapis.org/oas/3.1/dialect/base"),
                         "https://spec.openapis.org/oas/3.1/dialect/base")
        self.assertTrue(doc["info"]["title"])
        self.assertEqual(doc["info"]["version"], self.version, "info.version is finml's version (CMake project())")
        self.assertTrue(doc["servers"] and all("url" in server for server in doc["servers"]))
        schemes = doc["components"]["securitySchemes"]
        self.assertEqual(schemes["ApiKeyHeader"], {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                                   "description": schemes["ApiKeyHeader"].get("description")})
        self.assertEqual(schemes["BearerAuth"]["type"], "http")
        self.assertEqual(schemes["BearerAuth"]["scheme"], "bearer")
        operation_ids = set()
        for path, item in doc["paths"].items():
            self.assertTrue(path.startswith("/"), path)
            parameters_in_path = set(re.findall(r"\{([^}]+)\}", path))
            for method, operation in item.items():
                with self.subTest(path=path, method=method):
                    self.assertIn(method, METHODS)
                    self.assertNotIn(operation["operationId"], operation_ids)
                    operation_ids.add(operation["operationId"])
                    self.assertTrue(operation.get("summary"))
                    self.assertTrue(operation["responses"])
                    for status, response in operation["responses"].items():
                        self.assertRegex(status, r"^([1-5]\d\d|[1-5]XX|default)$")
                        self.assertIn("description", self.document.resolve(response))
                    declared = {p["name"] for p in map(self.document.resolve, operation.get("parameters", []))
                                if p["in"] == "path"}
                    self.assertEqual(declared, parameters_in_path)
                    for requirement in operation.get("security", doc.get("security", [])):
                        for name in requirement:
                            self.assertIn(name, schemes)

    def test_every_schema_is_json_schema_2020_12(self):
        for name, schema in self.raw["components"]["schemas"].items():
            with self.subTest(schema=name):
                Draft202012Validator.check_schema(schema)

    def test_every_ref_resolves(self):
        def refs(node):
            if isinstance(node, dict):
                if isinstance(node.get("$ref"), str):
                    yield node["$ref"]
                for value in node.values():
                    yield from refs(value)
            elif isinstance(node, list):
                for value in node:
                    yield from refs(value)
        found = list(refs(self.raw))
        self.assertTrue(found)
        for ref in found:
            with self.subTest(ref=ref):
                self.assertTrue(ref.startswith("#/"))
                self.document.resolver.resolve(ref)

    def test_examples_validate_against_their_schemas(self):
        for path, item in self.raw["paths"].items():
            for method, operation in item.items():
                bodies = [operation.get("requestBody", {})] + list(operation["responses"].values())
                for body in map(self.document.resolve, bodies):
                    for media in body.get("content", {}).values():
                        for name, example in media.get("examples", {}).items():
                            with self.subTest(path=path, method=method, example=name):
                                self.assertEqual(self.document.validate(media["schema"], example["value"]), [])

    def test_documents_exactly_the_route_table(self):
        documented = {(method.upper(), path) for path, item in self.raw["paths"].items() for method in item}
        self.assertIn(("GET", "/openapi.json"), self.routes)
        self.assertIn(("GET", "/docs"), self.routes)
        self.assertIn(("GET", "/api/v1/admin/db/status"), self.routes)
        self.assertEqual(sorted(self.routes - documented), [], "routes missing from /openapi.json")
        self.assertEqual(sorted(documented - self.routes), [], "documented routes that do not exist")

    def test_admin_routes_need_an_admin_key(self):
        for path, item in self.raw["paths"].items():
            for method, operation in item.items():
                access = operation.get("x-finml-access")
                with self.subTest(path=path, method=method):
                    self.assertIn(access, ("public", "metrics", "user", "admin"))
                    self.assertEqual(access == "admin", "/admin/" in path)
                    if access == "admin":
                        self.assertNotIn({}, operation["security"], "admin routes never go without a key")
                    if access == "public":
                        self.assertEqual(operation["security"], [{}])

    def test_golden_answers_validate_against_the_documented_schemas(self):
        self.assertGreater(len(golden_case_files()), 50)
        checked = 0
        for case_file in golden_case_files():
            for spec, status, headers, body in replay(case_file):
                label = f"{case_file.relative_to(SOURCE_DIR)}: {spec['method']} {spec['path']} -> {status}"
                with self.subTest(step=label):
                    if status == 405:  # a method the path does not have: the path is documented, the method not
                        template = self.document.template_of(spec["path"])
                        self.assertIsNotNone(template, label)
                        self.assertNotIn(spec["method"].lower(), self.raw["paths"][template], label)
                        self.assertIn("allow", headers, label)
                        schema = {"$ref": "#/components/schemas/ErrorResponse"}
                    else:
                        schema = self.document.response_schema(spec["path"], spec["method"], status)
                    self.assertEqual(self.document.validate(schema, json.loads(body)), [], label)
                    checked += 1
        self.assertGreater(checked, 200)

    def test_a_body_the_schema_does_not_describe_fails(self):
        # The check above is only worth something if it refuses what the document does not say.
        schema = self.document.response_schema("/goals/timeline", "POST", 200)
        self.assertNotEqual(self.document.validate(schema, {"months_needed": "twelve"}), [])
        with self.assertRaises(AssertionError):
            self.document.response_schema("/goals/timeline", "POST", 418)


# Values each member of a request body is set to; the server's 422 and the schema must agree.
MEMBER_VALUES = [None, -1, 0, 1, 13, 25, 366, -5.5, 1.5, 1e300, "abc", "12", "-3", "", True, [], {},
                 "2025-13-45", "someday", "2025-06-01", "2025-06-01T10:00:00Z", "usd", "XYZ", "EXPENSE"]

# 422s that JSON Schema cannot express: they depend on other members, other rows or stored data.
REFUSALS_BEYOND_A_SCHEMA = [
    re.compile(r"\$\.transactions: Field required"),  # optional when the user has stored transactions
    re.compile(r"\$\.transactions: must all be in one currency"),
    re.compile(r"\$\.end_date: must not be before start_date"),
    re.compile(r"\$\.bucket: must be \w+, the group of"),
]

# Bodies for the routes that store a user's rows (the golden cases exercise them little).
RESOURCE_BODIES = [
    ("POST", "/api/v1/users/900/accounts", {"name": "Yen", "balance": "1234", "currency": "jpy", "account_type": "cash"}),
    ("POST", "/api/v1/users/900/goals", {"goal_name": "Trip", "target_amount": 2000.10, "current_amount": "0.20",
                                         "target_date": "2027-01-01", "monthly_contribution": "50", "currency": "EUR"}),
    ("POST", "/api/v1/users/900/budgets", {"category": "Groceries", "amount": 1, "start_date": "2026-01-01",
                                           "end_date": "2026-01-31", "currency": "USD"}),
    ("POST", "/api/v1/users/900/bills", {"bill_name": "Power", "due_date": "2026-04-01", "amount": 1,
                                         "reminder_days_before": 3, "is_recurring": True,
                                         "recurrence_frequency": "monthly", "currency": "USD"}),
    ("POST", "/api/v1/users/900/categories", {"name": "Gym", "type": "expense",
                                              "detailed": "personal_care_gyms_and_fitness_centers"}),
    ("POST", "/api/v1/users/900/transactions", {"date": "2026-01-05", "amount": "12.50", "type": "expense",
                                                "category": "Food", "description": "Cafe", "currency": "USD"}),
]


def member_changes(body, documented):
    """(where, changed body): each documented member added or set to each of MEMBER_VALUES, each member
    removed, and the same one level down (the first element of an array of objects, or an object)."""
    variants = [(json.dumps(value), value) for value in MEMBER_VALUES] + [("removed", None)]

    def changed(path, value, remove):
        copy = json.loads(json.dumps(body))
        node = copy
        for step in path[:-1]:
            node = node[step]
        if remove:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
        return copy

    for key in sorted(set(documented) | set(body)):
        for label, value in variants:
            if label == "removed" and key not in body:
                continue
            yield f"$.{key} {label}", changed([key], value, label == "removed")
        inner = body.get(key)
        prefix = [key]
        if isinstance(inner, list) and inner and isinstance(inner[0], dict):
            inner, prefix = inner[0], [key, 0]
        if isinstance(inner, dict):
            for member in inner:
                for label, value in variants:
                    where = "$." + ".".join(str(step) for step in prefix + [member])
                    yield f"{where} {label}", changed(prefix + [member], value, label == "removed")


class RequestSchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.raw, _, _ = load_document()
        cls.document = Document(cls.raw)

    def request_schema(self, path, method):
        template = self.document.template_of(path)
        operation = self.raw["paths"].get(template, {}).get(method.lower(), {}) if template else {}
        body = self.document.resolve(operation.get("requestBody", {}))
        media = body.get("content", {}).get("application/json")
        return template, (media["schema"] if media else None)

    def accepted_golden_requests(self):
        """(fixed_now, request spec, body) of every golden step answered 2xx whose route documents a JSON body."""
        for case_file in golden_case_files():
            case = json.loads(case_file.read_text())
            for step in case["steps"]:
                spec = step["request"]
                if not 200 <= step.get("expect", {}).get("status", 0) < 300:
                    continue
                if self.request_schema(spec["path"], spec["method"])[1] is None:
                    continue
                try:
                    body = json.loads(request_body(spec) or b"null")
                except ValueError:
                    continue
                yield case.get("fixed_now", DEFAULT_NOW), spec, body

    def test_bodies_the_server_accepts_validate(self):
        checked = 0
        for _, spec, body in self.accepted_golden_requests():
            _, schema = self.request_schema(spec["path"], spec["method"])
            with self.subTest(request=f"{spec['method']} {spec['path']}"):
                self.assertEqual(self.document.validate(schema, body), [])
                checked += 1
        self.assertGreater(checked, 50)

    def test_what_the_readers_refuse_the_schemas_refuse(self):
        # Bases: up to two accepted bodies per operation, grouped by the case's clock.
        bases, per_operation = {}, {}
        for fixed_now, spec, body in self.accepted_golden_requests():
            template, _ = self.request_schema(spec["path"], spec["method"])
            key = (spec["method"], template)
            if not isinstance(body, dict) or per_operation.get(key, 0) >= 2:
                continue
            per_operation[key] = per_operation.get(key, 0) + 1
            bases.setdefault(fixed_now, []).append((spec["method"], spec["path"], body, spec.get("headers", {})))
        bases.setdefault(DEFAULT_NOW, []).extend((m, p, b, {}) for m, p, b in RESOURCE_BODIES)

        mutated_operations, refusals_compared = set(), 0
        for fixed_now, requests in bases.items():
            with FinmlServer({"FIXED_NOW": fixed_now}) as server:
                connection = server.connection()
                admin_key = None
                for method, path, body, spec_headers in requests:
                    headers = {}
                    for name, value in spec_headers.items():
                        if name.lower() in ("idempotency-key", "if-match", "if-none-match"):
                            continue
                        if value == "$ADMIN_KEY":
                            admin_key = admin_key or server.create_admin_key()
                            value = admin_key
                        headers[name] = value
                    status = request(connection, method, path, json.dumps(body).encode(), headers)[0]
                    if not 200 <= status < 300:
                        continue  # accepted only after earlier steps of its case
                    template, schema = self.request_schema(path, method)
                    documented = self.document.resolve(schema).get("properties", {})
                    mutated_operations.add((method, template))
                    for where, changed in member_changes(body, documented):
                        status, _, answer = request(connection, method, path, json.dumps(changed).encode(), headers)
                        self.assertLess(status, 500, f"{method} {path} with {where}")
                        if status != 422:
                            continue
                        refusals_compared += 1
                        detail = json.loads(answer)["detail"]
                        if any(pattern.search(detail) for pattern in REFUSALS_BEYOND_A_SCHEMA):
                            continue
                        with self.subTest(request=f"{method} {template}", change=where):
                            self.assertNotEqual(self.document.validate(schema, changed), [],
                                                f"the server refuses it ({detail}) but the schema accepts it")
                connection.close()
        # Guards against a harness that compares nothing.
        self.assertGreater(len(mutated_operations), 25)
        self.assertGreater(refusals_compared, 1000)


class DocsPageTest(unittest.TestCase):
    def test_docs_page_loads_only_local_assets(self):
        with FinmlServer() as server:
            connection = server.connection()
            status, headers, body = request(connection, "GET", "/docs")
            self.assertEqual(status, 200)
            self.assertTrue(headers["content-type"].startswith("text/html"), headers)
            page = body.decode()
            self.assertEqual(re.findall(r"https?://", page), [], "the page names another host")
            assets = re.findall(r'(?:src|href)="([^"]+)"', page)
            self.assertIn("docs/swagger-ui-bundle.js", assets)
            self.assertIn("docs/swagger-ui.css", assets)
            expected_types = {".js": "text/javascript", ".css": "text/css", ".png": "image/png",
                              ".json": "application/json"}
            for asset in assets:
                with self.subTest(asset=asset):
                    self.assertFalse(asset.startswith(("/", "//")) or ":" in asset, asset)
                    status, headers, content = request(connection, "GET", "/" + asset)
                    self.assertEqual(status, 200, asset)
                    self.assertTrue(content)
                    self.assertTrue(headers["content-type"].startswith(expected_types[Path(asset).suffix]), headers)
                    if asset.startswith("docs/"):
                        self.assertIn("max-age", headers.get("cache-control", ""))
            script = request(connection, "GET", "/docs/docs.js")[2].decode()
            self.assertIn('url: "openapi.json"', script)
            self.assertIn("validatorUrl: null", script)
            self.assertEqual(request(connection, "GET", "/docs/missing.js")[0], 404)
            connection.close()


if __name__ == "__main__":
    BINARY, SOURCE_DIR = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]).resolve()
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
