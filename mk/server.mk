# mk/server.mk -- `hoso serve`: web root, browser tests, HTTP bench.
BASE_CFLAGS += -DHOSO_WEB_DIR_DEFAULT='"$(abspath web)"'

.PHONY: test-browser bench-server screenshots
TEST_EXTRA_TARGETS += test-browser
BENCH_TARGETS += bench-server

# The server over sockets (ASan build) and the page in Chromium.
test-browser: release asan
	@scripts/test-browser.sh

# Refresh the README screenshots (docs/screenshot-*.png) from the browser test.
screenshots: release asan
	@HOSO_SCREENSHOTS=1 scripts/test-browser.sh

# wrk against the server on loopback, beside the CLI; then a bounded soak.
bench-server: release
	@scripts/deps.sh ensure browser
	@SHARED=$(SHARED) scripts/bench-server.sh
# TEMPORARY (apps/server/store_stub.c): until src/store implements the
# archive calls declared in include/hoso.h, the server links stand-ins
# that answer 503. Detected, so the stubs can never shadow the real ones.
ifeq ($(shell grep -ls '^int hoso_archive_open' src/store/*.c 2>/dev/null),)
BASE_CFLAGS += -DSRV_STORE_STUBS
endif
# Rebuild what depends on that flag whenever src/store changes.
$(foreach v,release asan,build/$(v)/obj/apps/server/store_stub.o build/$(v)/obj/apps/server/cmd_serve.o): $(wildcard src/store/*.c)
