# The two commands a newcomer needs: `make run` and `make test`.
CARGO ?= cargo
JOBS ?= 2
# Mesa, WebKit and Chromium want a private runtime folder; CI has none.
RUNTIME_DIR := $(or $(XDG_RUNTIME_DIR),$(shell d=$${TMPDIR:-/tmp}/tenet-runtime-$$(id -u); mkdir -p -m 700 $$d; echo $$d))
export XDG_RUNTIME_DIR := $(RUNTIME_DIR)

.PHONY: run test deps test-deps build bundle bench bench-charts bench-app fmt fuzz ui-test e2e-test rust-test

deps:
	./scripts/install-deps

test-deps:
	./scripts/install-deps --test

build: deps
	$(CARGO) build --release -p tenet-app -p tenet-cli -j$(JOBS)

# Opens the desktop app on the bundled sample project with a fresh database
# (your settings are kept); it scans the sample at start.
run: build
	TENET_DB="$$(mktemp -d)/tenet.db" ./target/release/tenet-app examples/sample

# A .deb of the app (name, icon, version, desktop entry, the sample project)
# with the Tauri bundler; the first run installs tauri-cli (about 20 minutes).
# AppImage, .dmg and .msi: .github/workflows/bundles.yml.
bundle: deps
	@command -v cargo-tauri >/dev/null || $(CARGO) install tauri-cli --version '^2' --locked
	cd src-tauri && $(CARGO) tauri build --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

# Every suite: formatting, the Rust crates (engine, store, report, charts,
# CLI, the app's commands on Tauri's mock runtime), the UI in Chromium with
# a mock backend (axe-core, Lighthouse, keyboard), and the real app driven
# through WebDriver under Xvfb.
test: test-deps
	$(CARGO) fmt --all -- --check
	$(CARGO) test --workspace --locked -j$(JOBS)
	./tests/ui/run
	./tests/e2e/run

rust-test:
	$(CARGO) test --workspace --locked -j$(JOBS)

# The web UI's browser tests (axe-core, Lighthouse, keyboard) in headless
# Chromium against a mock backend; needs node >= 20 and chromium.
ui-test:
	./tests/ui/run

# The real app through tauri-driver and WebKitWebDriver under Xvfb (uses the
# debug build that `cargo test` leaves in target/debug).
e2e-test:
	$(CARGO) build -p tenet-app -j$(JOBS)
	./tests/e2e/run

bench: deps
	$(CARGO) build --release -p tenet-cli -j$(JOBS)
	./bench/run

# The 50,000-file hotspot map, per stage, GPU against SVG.
bench-charts: test-deps
	$(CARGO) bench -p tenet-charts --bench hotspots -j$(JOBS)

# The app's cold start and its 100-scan, 100,000-finding overview.
bench-app: test-deps
	./bench/app

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
