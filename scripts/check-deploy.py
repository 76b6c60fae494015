#!/usr/bin/env python3
"""Checks the deployment files as far as possible without a Docker engine (none runs here).

  scripts/check-deploy.py <finml binary>

- docker-compose.yml: `docker-compose config -q` (Debian's docker-compose v1) parses and
  validates it against the Compose schema; then, read with PyYAML: the five services, the two
  finml instances sharing PostgreSQL and Redis with rate limits and keys on, every variable given
  to finml a setting that `finml --help` lists, TRUSTED_PROXIES naming nginx's fixed address,
  nginx mounting deploy/nginx.conf and healthchecks gating the start order.
- deploy/nginx.conf: `nginx -t` on it, with the upstream hosts and the port made local.
- Dockerfile: multi-stage on Debian 12, runtime stage non-root, EXPOSE 8000, HOST=0.0.0.0,
  HEALTHCHECK with `finml healthcheck`; scripts/runtime-packages.sh finds a Debian package for
  every shared library the binary loads (what the runtime stage installs).
Prints every problem found and exits 1 when there is one.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)
    return condition


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def finml_settings(binary):
    """The environment variable of every setting, from `finml --help` ("--port / PORT (...)")."""
    help_text = run([binary, "--help"]).stdout
    return set(re.findall(r"^\s+--[a-z0-9-]+ / ([A-Z0-9_]+) ", help_text, re.MULTILINE))


def check_compose(binary):
    compose_file = os.path.join(REPO, "docker-compose.yml")
    result = run(["docker-compose", "-f", compose_file, "config", "-q"],
                 env={**os.environ, "POSTGRES_PASSWORD": "check"})
    check(result.returncode == 0, f"docker-compose config: {result.stderr.strip()}")
    result = run(["docker-compose", "-f", compose_file, "config", "-q"],
                 env={k: v for k, v in os.environ.items() if k != "POSTGRES_PASSWORD"})
    check(result.returncode != 0, "docker-compose config accepts a missing POSTGRES_PASSWORD")

    with open(compose_file) as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    check(set(services) == {"postgres", "redis", "finml-1", "finml-2", "nginx"},
          f"services are {sorted(services)}")
    settings = finml_settings(binary)
    check(len(settings) > 30, "could not read the settings from finml --help")
    nginx_address = services.get("nginx", {}).get("networks", {}).get("finml", {}).get("ipv4_address")
    for name in ("finml-1", "finml-2"):
        service = services.get(name, {})
        environment = service.get("environment", {})
        unknown = sorted(set(environment) - settings)
        check(not unknown, f"{name}: variables finml does not know: {unknown}")
        check(environment.get("HOST") == "0.0.0.0", f"{name}: HOST is not 0.0.0.0")
        check(str(environment.get("DATABASE_URL", "")).startswith("postgresql://")
              and "@postgres:5432/" in str(environment.get("DATABASE_URL")),
              f"{name}: DATABASE_URL does not name the postgres service")
        check(environment.get("REDIS_HOST") == "redis", f"{name}: REDIS_HOST is not the redis service")
        for variable, value in (("RATE_LIMIT_ENABLED", "true"), ("AUTH_REQUIRED", "true")):
            check(str(environment.get(variable)) == value, f"{name}: {variable} is not {value}")
        for variable in ("RATE_LIMIT_REQUESTS", "RATE_LIMIT_PERIOD"):
            check(variable in environment, f"{name}: no {variable}")
        check(nginx_address is not None and environment.get("TRUSTED_PROXIES") == nginx_address,
              f"{name}: TRUSTED_PROXIES is not nginx's address {nginx_address}")
        check("ports" not in service, f"{name}: publishes a port (only nginx should)")
        depends = service.get("depends_on", {})
        check(all(depends.get(s, {}).get("condition") == "service_healthy" for s in ("postgres", "redis")),
              f"{name}: does not wait for healthy postgres and redis")
    nginx = services.get("nginx", {})
    check(any(str(v).startswith("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf") for v in nginx.get("volumes", [])),
          "nginx: does not mount deploy/nginx.conf as conf.d/default.conf")
    check(all(nginx.get("depends_on", {}).get(s, {}).get("condition") == "service_healthy"
              for s in ("finml-1", "finml-2")), "nginx: does not wait for healthy finml instances")
    for name in ("postgres", "redis"):
        check("healthcheck" in services.get(name, {}), f"{name}: no healthcheck")


def check_nginx_conf():
    with open(os.path.join(REPO, "deploy", "nginx.conf")) as f:
        conf = f.read()
    for needle in ("server finml-1:8000", "server finml-2:8000", "listen 80;", "proxy_next_upstream ",
                   "X-Forwarded-For $proxy_add_x_forwarded_for"):
        check(needle in conf, f"deploy/nginx.conf: no '{needle}'")
    directives = re.sub(r"#[^\n]*", "", conf)
    check("non_idempotent" not in directives, "deploy/nginx.conf: retries non-idempotent requests")
    local = (conf.replace("server finml-1:8000", "server 127.0.0.1:18001")
             .replace("server finml-2:8000", "server 127.0.0.1:18002")
             .replace("listen 80;", "listen 127.0.0.1:18080;"))
    with tempfile.TemporaryDirectory() as prefix:
        with open(os.path.join(prefix, "finml.conf"), "w") as f:
            f.write(local)
        with open(os.path.join(prefix, "nginx.conf"), "w") as f:
            f.write(("user root;\n" if os.getuid() == 0 else "")
                    + f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
                    + f"http {{\n  access_log off;\n  client_body_temp_path {prefix}/body;\n"
                    + f"  proxy_temp_path {prefix}/proxy;\n  include {prefix}/finml.conf;\n}}\n")
        result = run(["nginx", "-t", "-q", "-p", prefix, "-e", f"{prefix}/error.log", "-c", f"{prefix}/nginx.conf"])
        check(result.returncode == 0, f"nginx -t: {result.stderr.strip()}")


def check_dockerfile(binary):
    with open(os.path.join(REPO, "Dockerfile")) as f:
        dockerfile = f.read()
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?", dockerfile, re.MULTILINE)
    check(len(stages) >= 2 and all(image.startswith("debian:bookworm") for image, _ in stages),
          f"Dockerfile: stages {stages} are not Debian 12 (bookworm), multi-stage")
    runtime = dockerfile[dockerfile.rfind("\nFROM "):]
    check("scripts/install-deps.sh build" in dockerfile, "Dockerfile: build stage does not use install-deps.sh build")
    user = re.search(r"^USER (\S+)", runtime, re.MULTILINE)
    check(user is not None and user.group(1) not in ("root", "0"), "Dockerfile: runtime stage runs as root")
    check(re.search(r"^EXPOSE 8000$", runtime, re.MULTILINE) is not None, "Dockerfile: no EXPOSE 8000")
    check("HOST=0.0.0.0" in runtime, "Dockerfile: HOST is not 0.0.0.0")
    check(re.search(r'^HEALTHCHECK .*CMD \["finml", "healthcheck"\]$', runtime, re.MULTILINE) is not None,
          "Dockerfile: no HEALTHCHECK CMD [\"finml\", \"healthcheck\"]")
    check("install-deps.sh" not in runtime and "build-essential" not in runtime,
          "Dockerfile: runtime stage installs build packages")
    result = run([os.path.join(REPO, "scripts", "runtime-packages.sh"), binary])
    packages = result.stdout.split()
    check(result.returncode == 0 and "libpq5" in packages and not any(p.endswith("-dev") for p in packages),
          f"runtime-packages.sh: {result.stderr.strip()} {packages}")
    with open(os.path.join(REPO, ".dockerignore")) as f:
        ignored = f.read().split()
    check(all(p in ignored for p in ("build", ".git", ".env")), ".dockerignore: does not leave out build, .git and .env")


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print(f"usage: {sys.argv[0]} <finml binary>", file=sys.stderr)
        return 2
    check_compose(sys.argv[1])
    check_nginx_conf()
    check_dockerfile(sys.argv[1])
    for problem in problems:
        print(f"deploy check: {problem}", file=sys.stderr)
    if not problems:
        print("deploy check: docker-compose.yml, deploy/nginx.conf and Dockerfile pass")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
