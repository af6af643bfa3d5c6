# hoso -- build, test, demo. Read README.md first; `make help` lists targets.
#
# Variants: build/release (-O2) and build/asan (-O1, ASan+UBSan). Sources
# are discovered (src/**/*.c -> libhoso.a, apps/**/*.c -> hoso,
# tools/*.c -> one program each, tests/unit/test_*.c -> one test each), so
# adding a file never needs a Makefile edit. Stage-specific recipes (models,
# eval, bench) live in mk/*.mk and append to MODELS_TARGETS, EVAL_TARGETS,
# BENCH_TARGETS, FUZZ_TARGETS and TEST_EXTRA_TARGETS.

SHELL := /bin/bash
.DEFAULT_GOAL := all
CC ?= cc
FUZZ_CC ?= clang
SHARED ?= $(abspath ../shared)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

PKGS := libutf8proc sqlite3 gumbo libmicrohttpd zlib jansson libpq
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wvla -Wformat=2
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -Isrc -Iapps/cli -g \
  -DHOSO_MODEL_DIR_DEFAULT='"$(abspath models)"' $(WARN)

SRC := $(shell find src -name '*.c' | sort)
APP_SRC := $(shell find apps -name '*.c' | sort)
TOOL_SRC := $(wildcard tools/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)

MODELS_TARGETS :=
EVAL_TARGETS :=
BENCH_TARGETS :=
FUZZ_TARGETS :=
TEST_EXTRA_TARGETS :=
-include mk/*.mk

# ---- one build variant ---------------------------------------------
# $(1) = variant name, $(2) = extra CFLAGS/LDFLAGS
define VARIANT
$(1)_DIR := build/$(1)
$(1)_OBJ := $$(SRC:%.c=build/$(1)/obj/%.o)
$(1)_APP_OBJ := $$(APP_SRC:%.c=build/$(1)/obj/%.o)
$(1)_LIB := build/$(1)/libhoso.a
$(1)_BIN := build/$(1)/hoso
$(1)_TOOLS := $$(TOOL_SRC:tools/%.c=build/$(1)/tools/%)
$(1)_TESTS := $$(UNIT_SRC:tests/unit/%.c=build/$(1)/tests/%)

build/$(1)/obj/%.o: %.c build/gen/verbs.inc
	@mkdir -p $$(@D)
	$$(CC) $$(BASE_CFLAGS) $$(PKG_CFLAGS) -Ibuild/gen $(2) -MMD -MP -c $$< -o $$@

$$($(1)_LIB): $$($(1)_OBJ)
	@mkdir -p $$(@D)
	rm -f $$@ && ar rcs $$@ $$^

$$($(1)_BIN): $$($(1)_APP_OBJ) $$($(1)_LIB)
	$$(CC) $(2) -o $$@ $$($(1)_APP_OBJ) $$($(1)_LIB) $$(PKG_LIBS)

build/$(1)/tools/%: tools/%.c $$($(1)_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(BASE_CFLAGS) $$(PKG_CFLAGS) $(2) -o $$@ $$< $$($(1)_LIB) $$(PKG_LIBS)

build/$(1)/tests/%: tests/unit/%.c tests/unit/testutil.h $$($(1)_LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(BASE_CFLAGS) $$(PKG_CFLAGS) -Itests/unit $(2) -o $$@ $$< $$($(1)_LIB) $$(PKG_LIBS) $$(TEST_LIBS)

.PHONY: $(1)
$(1): deps-check $$($(1)_BIN) $$($(1)_TOOLS) $$($(1)_TESTS)
-include $$($(1)_OBJ:.o=.d) $$($(1)_APP_OBJ:.o=.d)
endef

$(eval $(call VARIANT,release,-O2))
comma := ,
$(eval $(call VARIANT,asan,-O1 -fno-omit-frame-pointer -fsanitize=address$(comma)undefined -fno-sanitize-recover=undefined))

# The verb table: every HOSO_VERB(name, ...) line under apps/.
build/gen/verbs.inc: $(APP_SRC)
	@mkdir -p $(@D)
	@grep -h '^HOSO_VERB(' $(APP_SRC) | sed 's/^HOSO_VERB(\([a-z_0-9]*\),.*/X(\1)/' | sort > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

.PHONY: all deps deps-check test test-harness test-unit test-asan test-data demo models eval bench fuzz clean help
all: release

deps-check:
	@scripts/deps.sh check

deps:
	@scripts/deps.sh install

# make test: release and sanitizer builds, unit + golden tests on both,
# the harness's self-test, the data suite (reads ../shared, says SKIPPED
# when it is absent), then the extra suites registered by mk/*.mk. Every
# suite runs; scripts/test-all.sh ends with a summary naming each failed
# or skipped suite and exits non-zero if any failed.
test:
	@scripts/deps.sh ensure
	@$(MAKE) --no-print-directory -j$(JOBS) release asan
	@MAKE="$(MAKE)" scripts/test-all.sh test-harness test-data $(TEST_EXTRA_TARGETS)

# The test runners' own test: deliberately failing cases must be reported
# as failures (tests/harness/run.sh).
test-harness:
	@tests/harness/run.sh

test-unit: release
	@scripts/run-tests.sh release

test-asan: asan
	@scripts/run-tests.sh asan

test-data: release
	@SHARED=$(SHARED) scripts/run-data-tests.sh

demo:
	@scripts/deps.sh ensure
	@$(MAKE) --no-print-directory -j$(JOBS) release
	@scripts/demo.sh

models: release $(MODELS_TARGETS)
eval: release $(EVAL_TARGETS)
bench: release $(BENCH_TARGETS)
fuzz: $(FUZZ_TARGETS)

# ---- fuzzing (clang libFuzzer) ---------------------------------------
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(SRC:%.c=build/fuzz/obj/%.o)
FUZZ_BINS := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_TIME ?= 20
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@
-include $(FUZZ_OBJ:.o=.d)
build/fuzz/libhoso.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build/fuzz/%: fuzz/%.c build/fuzz/libhoso.a
	$(FUZZ_CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o $@ $< build/fuzz/libhoso.a $(PKG_LIBS)
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build/fuzz/corpus/$$n; \
	  echo "== $$n ($(FUZZ_TIME)s)"; \
	  $$f -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 build/fuzz/corpus/$$n fuzz/corpus/$$n 2>&1 | tail -n 3 || exit 1; done

clean:
	rm -rf build

help:
	@echo "make demo    install what is missing, build, ingest the sample, serve it"
	@echo "make test    all tests (release + ASan/UBSan builds, data suite if ../shared exists)"
	@echo "make deps    install the Debian packages hoso needs (root)"
	@echo "make models  retrain the committed models from ../shared/data"
	@echo "make eval    accuracy figures on ../shared/data"
	@echo "make bench   speed figures beside competing systems"
	@echo "make fuzz    run every libFuzzer harness for FUZZ_TIME seconds"
