# The two commands a newcomer needs: `make run` and `make test`.
CARGO ?= cargo
JOBS ?= 2

.PHONY: run test deps build bench fmt

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
