# mk/store.mk -- the archive: CLI-level tests (kill -9 mid-ingest, disk
# full, demo questions) and the benchmark against plain SQLite FTS5.
# See README (section store).
.PHONY: test-store bench-store
TEST_EXTRA_TARGETS += test-store
BENCH_TARGETS += bench-store

test-store: release
	@pass=0; fail=0; for t in tests/store/*.sh; do \
	  if out=$$(HOSO=build/release/hoso bash $$t 2>&1); then pass=$$((pass+1)); echo "ok $$(basename $$t): $$(echo "$$out" | tail -n1)"; \
	  else fail=$$((fail+1)); echo "FAIL $$(basename $$t)"; echo "$$out" | tail -n 20 | sed 's/^/  /'; fi; done; \
	echo "store: $$pass passed, $$fail failed"; [ $$fail = 0 ]

BENCH_STORE_N ?= 0
bench-store: release build/release/tools/store_bench
	@SHARED=$(SHARED) nice build/release/tools/store_bench $(SHARED)/data/news/vntc.jsonl.gz build/bench-store $(BENCH_STORE_N)
