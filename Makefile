# xinfang — the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/xinfang
# System packages the build and the end-to-end tests need (Debian names).
SYSTEM_PACKAGES := libncurses-dev tmux

.PHONY: run test bench setup build clean

# Installs missing system packages when run as root; otherwise says what is missing.
setup:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing system packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

build: setup
	$(SWIFT) build

# Opens the console on the default log ($$XINFANG_LOG, else ~/.local/share/xinfang/xinfang.log).
run: build
	@$(BIN) $(ARGS)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: setup
	$(SWIFT) run -c release xinfang-bench

clean:
	rm -rf .build
