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
