# syntax=docker/dockerfile:1
# finml in two stages: a Debian 12 build stage with the toolchain, and a slim Debian 12 runtime
# stage with the binary and only the shared libraries it loads. See docs/deployment.md.
#   docker build -t finml .
#   docker run --rm -p 8000:8000 -e DATABASE_URL=postgresql://... finml

FROM debian:bookworm AS build
WORKDIR /src
# The dependency script first, alone, so that its layer is reused while only the sources change.
COPY scripts/install-deps.sh scripts/
RUN scripts/install-deps.sh build && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DFINML_BUILD_TESTS=OFF \
 && cmake --build build/release --target finml -j "$(nproc)" \
 && strip build/release/finml \
 && build/release/finml version \
 && scripts/runtime-packages.sh build/release/finml > build/release/runtime-packages.txt

FROM debian:bookworm-slim AS runtime
COPY --from=build /src/build/release/runtime-packages.txt /tmp/runtime-packages.txt
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive xargs apt-get install -y --no-install-recommends \
      < /tmp/runtime-packages.txt \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages.txt \
 && groupadd --system finml \
 && useradd --system --gid finml --home-dir /var/lib/finml --create-home --shell /usr/sbin/nologin finml
COPY --from=build /src/build/release/finml /usr/local/bin/finml

USER finml
WORKDIR /var/lib/finml
# In a container finml must listen on every interface; everything else keeps its default
# (docs/deployment.md lists what a deployment sets).
ENV HOST=0.0.0.0 \
    PORT=8000 \
    ENVIRONMENT=production \
    DATABASE_URL=sqlite:////var/lib/finml/finml.db
EXPOSE 8000
VOLUME ["/var/lib/finml"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["finml", "healthcheck"]
ENTRYPOINT ["finml"]
CMD ["serve"]
