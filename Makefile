# The two commands of a fresh machine: `make run` and `make test` (see README.md).
JOBS ?= $(shell nproc)
GENERATOR := -G Ninja
RELEASE_DIR := build/release
TEST_DIR := build/test
BENCH_DIR := build/bench

.PHONY: run test build deps deps-test deps-bench bench clean

## Installs what is missing, builds the Release binary and serves on 127.0.0.1:8000 (SQLite ./finml.db).
run: build
	./$(RELEASE_DIR)/finml serve

## Installs what is missing, builds Debug with AddressSanitizer and UBSan (warnings are errors)
## and runs every test through CTest.
test: deps-test
	cmake -S . -B $(TEST_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DFINML_SANITIZE=ON -DFINML_WERROR=ON -DFINML_BUILD_BENCH=ON
	cmake --build $(TEST_DIR) -j $(JOBS)
	cd $(TEST_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 900

## The Release binary only.
build: deps
	cmake -S . -B $(RELEASE_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Release -DFINML_BUILD_TESTS=OFF
	cmake --build $(RELEASE_DIR) -j $(JOBS) --target finml

## Benchmarks (see bench/README.md).
bench: deps-bench
	cmake -S . -B $(BENCH_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Release -DFINML_BUILD_TESTS=OFF -DFINML_BUILD_BENCH=ON
	cmake --build $(BENCH_DIR) -j $(JOBS)
	bench/http_health.sh $(BENCH_DIR)/finml

deps:
	scripts/install-deps.sh build
deps-test:
	scripts/install-deps.sh test
deps-bench:
	scripts/install-deps.sh bench

clean:
	rm -rf build
