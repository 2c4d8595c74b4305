# retake-coach: `make run` starts the coaching session, `make test` runs every
# test. Both install what the build needs first (libedit and pkg-config).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
ARGS ?=

.PHONY: run test build release bench clips fuzz deps clean

deps:
	@if ! pkg-config --exists libedit yaml-0.1 2>/dev/null; then \
		echo "Installing libedit-dev, libyaml-dev and pkg-config..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libedit-dev libyaml-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build --product retake-coach

run: build
	@"$$($(SWIFT) build --show-bin-path)/retake-coach" $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	python3 Benchmarks/run.py --smoke
	$(SWIFT) test --skip-build

# Release builds link the Swift runtime in statically: the coach starts
# several milliseconds sooner without the dynamic loader's work. The
# benchmark driver is a fully static executable, as a rule engine shipped as
# one binary would be; it builds in a folder of its own, since the flag
# applies to every target.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product retake-coach
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -static-executable \
		--scratch-path .build-static --product rule-bench

clips:
	@command -v clips >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clips; }

bench: release clips
	python3 Benchmarks/run.py

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} FUZZ_COUNT=$${FUZZ_COUNT:-100000} Tests/fuzz.sh

clean:
	rm -rf .build
