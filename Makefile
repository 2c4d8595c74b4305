# retake-coach: `make run` starts the coaching session, `make test` runs every
# test. Both install what the build needs first (libedit and pkg-config).
# `make install` puts the tool in PREFIX (see "Installing" below).

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
ARGS ?=

.PHONY: run test build release bench clips fuzz deps clean install install-build uninstall man

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
BUILD_FLAGS_release := -c release --static-swift-stdlib
BUILD_FLAGS_debug := -c debug

release: deps
	$(SWIFT) build $(BUILD_FLAGS_release) --product retake-coach
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -static-executable \
		--scratch-path .build-static --product rule-bench

clips:
	@command -v clips >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clips; }

# BENCH_ARGS runs part of it: BENCH_ARGS="--only stepper,pick --sizes 1000,10000".
BENCH_ARGS ?=

bench: release clips
	python3 Benchmarks/run.py $(BENCH_ARGS)

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} FUZZ_COUNT=$${FUZZ_COUNT:-100000} Tests/fuzz.sh

clean:
	rm -rf .build

# Installing: the binary, its rule packs, the manual page and the bash, zsh
# and fish completions, in the usual places under PREFIX; DESTDIR goes before
# every path, for staged installs. The binary is the release build, or the
# debug one with CONFIG=debug; BUILT=FOLDER installs the one already built
# there without running SwiftPM, which the install test needs: `swift test`
# holds the build folder's lock while the tests run.
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release
BUILT ?=
bindir = $(DESTDIR)$(PREFIX)/bin
packdir = $(DESTDIR)$(PREFIX)/share/retake-coach/rules
man1dir = $(DESTDIR)$(PREFIX)/share/man/man1
bashdir = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
installed = "$(bindir)/retake-coach" "$(man1dir)/retake-coach.1" "$(bashdir)/retake-coach" \
	"$(zshdir)/_retake-coach" "$(fishdir)/retake-coach.fish"

install-build: deps
	$(if $(BUILD_FLAGS_$(CONFIG)),,$(error CONFIG is release or debug, not '$(CONFIG)'))
	$(SWIFT) build $(BUILD_FLAGS_$(CONFIG)) --product retake-coach

# Every folder under rules/ is a pack, installed whole.
install: $(if $(BUILT),,install-build)
	$(eval BUILT := $(or $(BUILT),$(shell $(SWIFT) build $(BUILD_FLAGS_$(CONFIG)) --show-bin-path)))
	install -d "$(bindir)" "$(packdir)" "$(man1dir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"
	install -m 755 "$(BUILT)/retake-coach" "$(bindir)/retake-coach"
	cd rules && for folder in $$(find */ -type d); do install -d "$(packdir)/$$folder"; done
	cd rules && for file in $$(find */ -type f); do install -m 644 "$$file" "$(packdir)/$$file"; done
	install -m 644 docs/retake-coach.1 "$(man1dir)/retake-coach.1"
	"$(BUILT)/retake-coach" --generate-completion-script bash > "$(bashdir)/retake-coach"
	"$(BUILT)/retake-coach" --generate-completion-script zsh > "$(zshdir)/_retake-coach"
	"$(BUILT)/retake-coach" --generate-completion-script fish > "$(fishdir)/retake-coach.fish"
	chmod 644 "$(bashdir)/retake-coach" "$(zshdir)/_retake-coach" "$(fishdir)/retake-coach.fish"

# Removes what install put there, and the coach's own folders once empty: a
# pack added there by hand stays, with the folders that hold it.
uninstall:
	rm -f $(installed)
	cd rules && for file in $$(find */ -type f); do rm -f "$(packdir)/$$file"; done
	cd rules && for folder in $$(find */ -depth -type d); do rmdir "$(packdir)/$$folder" 2>/dev/null || true; done
	rmdir "$(packdir)" "$(DESTDIR)$(PREFIX)/share/retake-coach" 2>/dev/null || true

# The manual page is ArgumentParser's, made by its generate-manual plugin. It
# is kept in docs/, so an install needs no build of the plugin's tool; a test
# says when it no longer matches the command's help. Two things the tool
# cannot tell from the help it reads are put right: the subcommand may be left
# out, and so may the file after --resume.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

man: deps
	$(SWIFT) package generate-manual --configuration debug --date $(MAN_DATE)
	sed -e 's/^\.Ar subcommand$$/.Op Ar subcommand/' -e 's/Fl -resume Ar file$$/Fl -resume Op Ar file/' \
		.build/plugins/GenerateManual/outputs/retake-coach/retake-coach.1 > docs/retake-coach.1
