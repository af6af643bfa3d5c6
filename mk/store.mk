# mk/store.mk -- the archive: CLI-level tests (kill -9 mid-ingest, disk
# full, demo questions) and the benchmark against plain SQLite FTS5.
# See README (section store).
.PHONY: test-store bench-store bench-store-wall
TEST_EXTRA_TARGETS += test-store
BENCH_TARGETS += bench-store

test-store: release
	@pass=0; fail=0; for t in tests/store/*.sh; do \
	  if out=$$(HOSO=build/release/hoso timeout -k 10 1200 bash $$t 2>&1); then pass=$$((pass+1)); echo "ok $$(basename $$t): $$(echo "$$out" | tail -n1)"; \
	  else fail=$$((fail+1)); echo "FAIL $$(basename $$t)"; echo "$$out" | tail -n 20 | sed 's/^/  /'; fi; done; \
	echo "store: $$pass passed, $$fail failed"; [ $$fail = 0 ] && [ $$pass -gt 0 ]

# BENCH_STORE_N: articles read from the corpus (0 = all); BENCH_STORE_REPLICATE:
# how many times each is ingested (copies differ by a marker line, so they are
# stored as articles of the same story), e.g.
#   make bench-store BENCH_STORE_N=8400 BENCH_STORE_REPLICATE=10
BENCH_STORE_N ?= 0
BENCH_STORE_REPLICATE ?= 1
# Query latency is measured on the analysed archive of the same corpus that
# bench-server uses (built once into build/bench-server/large.db): search
# with facets and snippets, as users get it (STORE_BENCH_QUERY_DB). A
# replicated run queries the archive it built.
# An archive of an older schema is upgraded first (store_bench opens it
# read-only; schema 3 -> 4 re-indexes it: ~27 CPU-s for 80,675 articles).
bench-store: release build/release/tools/store_bench
	@[ "$(BENCH_STORE_REPLICATE)" != 1 ] || BENCH_BUILD_ONLY=1 SHARED=$(SHARED) scripts/bench-server.sh
	@db=build/bench-server/large.db; if [ -f $$db ] && ! build/release/hoso stats --db $$db > /dev/null 2>&1; then \
	  echo "bench-store: upgrading $$db to the current schema"; build/release/hoso stats --check --db $$db > /dev/null; fi
	@SHARED=$(SHARED) STORE_BENCH_QUERY_DB=$$([ "$(BENCH_STORE_REPLICATE)" = 1 ] && [ -f build/bench-server/large.db ] && echo build/bench-server/large.db) \
	  nice build/release/tools/store_bench $(SHARED)/data/news/vntc.jsonl.gz build/bench-store $(BENCH_STORE_N) $(BENCH_STORE_REPLICATE)

# What a user waits for, on an IDLE machine: wall time of hoso's ingest (all
# cores: --threads = the CPUs) against FTS5's (one thread), K pairs run in
# turn, each side first in every other pair; prints every pair, the median
# wall ratio, and the floor the serial part (the writer thread) allows on
# this machine's cores. No nice: run it when nothing else runs, e.g.
#   make bench-store-wall BENCH_STORE_WALL_N=20000 BENCH_STORE_WALL_PAIRS=5
BENCH_STORE_WALL_N ?= 20000
BENCH_STORE_WALL_PAIRS ?= 5
bench-store-wall: release build/release/tools/store_bench
	@uptime
	@STORE_BENCH_WALL=$(BENCH_STORE_WALL_PAIRS) build/release/tools/store_bench \
	  $(SHARED)/data/news/vntc.jsonl.gz build/bench-store-wall $(BENCH_STORE_WALL_N) 1
