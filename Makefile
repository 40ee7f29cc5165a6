# xinfang — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug/xinfang
# System packages the build, the benchmark's SQLite baseline and the end-to-end tests need (Debian names).
SYSTEM_PACKAGES := libncurses-dev libsqlite3-dev tmux
# Only `make test` needs these: chromium, fonts-noto-cjk and poppler-utils print a
# document's HTML to PDF and read its text back. LibreOffice Calc converts an export to xlsx
# in two end-to-end tests (about 2 s each), so `make run` does not install an office suite;
# on Debian 12 it comes from Debian's bookworm-backports (`office-setup`): bookworm's own 7.4
# reads a CSV given no import filter as Windows-1252 whatever its byte-order mark (decision 0030).
# postgresql: the store's tests run against a throwaway server as well as the file
# (scripts/pg-cluster.sh; docs/decisions/0028-postgresql-store.md).
TEST_PACKAGES := chromium fonts-noto-cjk poppler-utils postgresql

.PHONY: run demo test bench fuzz setup test-setup office-setup install-packages build install clean

# Installs missing system packages when run as root; otherwise says what is missing.
setup:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(SYSTEM_PACKAGES)"
test-setup: office-setup
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(SYSTEM_PACKAGES) $(TEST_PACKAGES)"
# LibreOffice Calc (no GUI), 7.5 or later: from the release's own packages, or on Debian 12
# (bookworm) from Debian's bookworm-backports, whose source is added when missing.
BACKPORTS_SOURCES := /etc/apt/sources.list.d/bookworm-backports.sources
office-setup:
	@version=$$(dpkg-query -W -f='$${Version}' libreoffice-calc-nogui 2>/dev/null); \
	case "$$version" in ""|4:7.[0-4]*|1:7.[0-4]*) \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "missing: LibreOffice Calc 7.5 or later (Debian 12: sudo apt-get install -t bookworm-backports libreoffice-calc-nogui)"; exit 1; fi; \
	  release=""; \
	  if [ "$$(. /etc/os-release && echo $$VERSION_CODENAME)" = bookworm ]; then \
	    release="-t bookworm-backports"; \
	    [ -f $(BACKPORTS_SOURCES) ] || printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' \
	      'Suites: bookworm-backports' 'Components: main' \
	      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' > $(BACKPORTS_SOURCES); \
	  fi; \
	  echo "installing: libreoffice-calc-nogui $$release"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $$release libreoffice-calc-nogui >/dev/null;; \
	esac
install-packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing system packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

build: setup
	$(SWIFT) build

# Opens the console on the default log ($$XINFANG_LOG, else ~/.local/share/xinfang/xinfang.log).
run: build
	@$(BIN) $(ARGS)

# Practice without touching real cases: a training log with 2,000 realistic cases
# (made on first use, kept in .build/demo), opened in training mode. AS=clerk,
# AS=handler, AS=head or AS=supervisor sits at the console in that role;
# without AS you are a trainee, who may do everything.
# DEMO_CASES and DEMO_UNTIL shape a new demo log (the guides' captures use
# DEMO_LOG=.build/guide/guide.log DEMO_CASES=300 DEMO_UNTIL=2025-05-12 NOW=2025-05-12T10:00);
# NOW opens the console at that simulated time.
DEMO_LOG ?= $(CURDIR)/.build/demo/demo.log
DEMO_CASES ?= 2000
DEMO_UNTIL ?=
NOW ?=
AS ?=
demo: build
	@if [ ! -f "$(DEMO_LOG)" ]; then mkdir -p "$(dir $(DEMO_LOG))" && \
	  $(BIN) generate --cases $(DEMO_CASES) $(if $(DEMO_UNTIL),--until $(DEMO_UNTIL)) --log "$(DEMO_LOG)"; fi
	@XINFANG_TRAINING=1 $(BIN) --log "$(DEMO_LOG)" $(if $(AS),--as $(AS)) $(if $(NOW),--now $(NOW)) $(ARGS)

# Keeps swift test's output in $(TEST_OUTPUT) and its exit status (pipefail), then
# prints the target's total time and the ten slowest tests (scripts/test-times.py).
# A throwaway PostgreSQL cluster runs for the tests (Unix socket only, in a temporary
# folder named to them in XINFANG_TEST_PG; XINFANG_TEST_PG_REQUIRED=1 makes a test that
# needs it fail, not skip, if it is not there), stopped and removed at the end.
TEST_OUTPUT := .build/test-output.txt
test: test-setup
	@started=$$(date +%s.%N); set -o pipefail; \
	echo "$(SWIFT) build --build-tests" && $(SWIFT) build --build-tests || exit; \
	pg=$$(scripts/pg-cluster.sh start) || exit; trap 'scripts/pg-cluster.sh stop "$$pg"' EXIT; \
	export XINFANG_TEST_PG="$$pg" XINFANG_TEST_PG_REQUIRED=1; echo "PostgreSQL test server: $$pg"; \
	echo "$(SWIFT) test" && $(SWIFT) test 2>&1 | tee $(TEST_OUTPUT); status=$$?; \
	python3 scripts/test-times.py $(TEST_OUTPUT) $$started; \
	exit $$status

# (xinfang itself too: the bench times `xinfang show` in fresh processes, built as
# `make install` builds it — the Swift runtime linked in, which starts a process in about
# two thirds of the time the shared libraries take; both with the same flags, so neither
# build undoes the other.)
BENCH_BUILD ?= -c release --static-swift-stdlib
bench: setup
	$(SWIFT) build $(BENCH_BUILD) --product xinfang
	$(SWIFT) run $(BENCH_BUILD) xinfang-bench

# Fuzzes the record decoder, the recovery scanner, the payload codec and the snapshot reader with
# libFuzzer + AddressSanitizer, FUZZ_SECONDS each, and merges what is new into the
# committed corpus (Tests/Fuzz/corpus), which `make test` replays.
FUZZ_SECONDS ?= 60
fuzz: setup
	$(SWIFT) build -c debug --product xinfang-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	  --scratch-path .build-fuzz
	@for t in frame scan payload snapshot; do \
	  mkdir -p .build-fuzz/grown-$$t && \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS)s" && \
	  XINFANG_FUZZ_TARGET=$$t .build-fuzz/debug/xinfang-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -print_final_stats=1 .build-fuzz/grown-$$t Tests/Fuzz/corpus/$$t 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' ; \
	  [ $${PIPESTATUS[0]:-0} = 0 ] || exit 1; \
	  XINFANG_FUZZ_TARGET=$$t .build-fuzz/debug/xinfang-fuzz -merge=1 -max_len=8192 Tests/Fuzz/corpus/$$t \
	    .build-fuzz/grown-$$t 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' ; \
	done

# Installs for an office (docs/install.md), as root: PREFIX/bin/xinfang set-group-id
# `xinfang` (2755), PREFIX/share/xinfang/data, PREFIX/etc/xinfang.conf and the office
# folder PREFIX/var/lib/xinfang (2770 root:xinfang; FOLDER=… elsewhere). The Swift
# runtime is linked in (--static-swift-stdlib), so the set-group-id executable loads
# no Swift library from a path the loader might not trust.
PREFIX ?= /usr/local
FOLDER ?= $(PREFIX)/var/lib/xinfang
INSTALL_BUILD ?= -c release --static-swift-stdlib
install: setup
	$(SWIFT) build $(INSTALL_BUILD) --product xinfang
	mkdir -p .build/man
	$(SWIFT) package plugin --allow-writing-to-directory .build/man generate-manual --configuration debug -o .build/man
	MANPAGE=.build/man/xinfang.1 scripts/install.sh "$(PREFIX)" "$$($(SWIFT) build $(INSTALL_BUILD) --show-bin-path)/xinfang" "$(FOLDER)"

clean:
	rm -rf .build
