# The two commands a newcomer needs: `make run` and `make test`.
CARGO ?= cargo
JOBS ?= 2

.PHONY: run test deps build bench fmt fuzz

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

fmt:
	$(CARGO) fmt --all

# A short fuzzing run of every target (nightly + cargo-fuzz, installed here
# if missing); FUZZ_SECONDS per target. New inputs that widen coverage are
# kept in fuzz/corpus/ — commit them.
FUZZ_SECONDS ?= 30
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	cd fuzz && for target in python notebook html config; do \
	  $(CARGO) +nightly fuzz run $$target corpus/$$target -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 || exit 1; \
	done
