# The two commands a newcomer needs: `make run` and `make test`.
CARGO ?= cargo
JOBS ?= 2

.PHONY: run test deps build bench bench-charts fmt fuzz

deps:
	./scripts/install-deps

build: deps
	$(CARGO) build --release -p tenet-cli -j$(JOBS)

# Until the desktop app lands, `make run` scans the bundled sample project
# with the release CLI and prints its findings and checklist.
run: build
	./target/release/tenet scan examples/sample || test $$? -eq 1

test: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) test --workspace --locked -j$(JOBS)

bench: build
	./bench/run

# The 50,000-file hotspot map at 1600x1000, per stage, GPU against SVG.
bench-charts: deps
	$(CARGO) bench -p tenet-charts --bench hotspots -j$(JOBS)

fmt:
	$(CARGO) fmt --all

# A short fuzzing run of every target (nightly + cargo-fuzz, installed here
# if missing); FUZZ_SECONDS per target. The test fixtures are the seeds, read
# in place; inputs that widen coverage land in fuzz/corpus/<target> (minimise
# with `cargo fuzz cmin` before committing any).
FUZZ_SECONDS ?= 30
FIXTURES = ../crates/engine/tests/fixtures
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd fuzz && \
	$(CARGO) +nightly fuzz run python corpus/python $(FIXTURES)/python $(FIXTURES)/projects -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 && \
	$(CARGO) +nightly fuzz run notebook corpus/notebook $(FIXTURES)/python -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 && \
	$(CARGO) +nightly fuzz run html corpus/html $(FIXTURES)/html -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 && \
	$(CARGO) +nightly fuzz run config corpus/config $(FIXTURES)/projects ../examples/sample -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048
