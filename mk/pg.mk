# mk/pg.mk -- PostgreSQL: the hoso_pg extension, its tests against real
# servers, and the SQLite-vs-PostgreSQL benchmark. See README (pg).
PG_BINDIR ?= /usr/lib/postgresql/15/bin
PG_CONFIG ?= $(PG_BINDIR)/pg_config

# A position-independent build of the library's own sources, linked into
# the extension's shared object (never a copy of the code).
PIC_OBJ := $(SRC:%.c=build/pic/obj/%.o)
build/pic/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -O2 -fPIC -MMD -MP -c $< -o $@
build/pic/libhoso.a: $(PIC_OBJ)
	rm -f $@ && ar rcs $@ $^
-include $(PIC_OBJ:.o=.d)

.PHONY: pg-ext pg-install test-pg bench-pg bench-pg-ingest bench-pg-waits
pg-ext: build/pic/libhoso.a
	@scripts/deps.sh ensure pg
	$(MAKE) --no-print-directory -C pg PG_CONFIG=$(PG_CONFIG) with_llvm=no \
	  HOSO_ROOT=$(abspath .)

# Installs into PostgreSQL's own directories (root, or the owner of them).
pg-install: pg-ext
	$(MAKE) --no-print-directory -C pg PG_CONFIG=$(PG_CONFIG) with_llvm=no \
	  HOSO_ROOT=$(abspath .) install

# Real servers: one coordinator and two shards on 127.0.0.1 (see
# scripts/test-pg.sh). Installs Debian's PostgreSQL if missing (root).
# TEST_PG_TIMEOUT: seconds before the suite is stopped (0: never). 15-20
# minutes on a shared machine, but at load 16+ a run passed 30 (session
# 16: stopped by the old fixed 1800), hence 2 hours.
TEST_PG_TIMEOUT ?= 7200
test-pg: release
	@scripts/deps.sh ensure pg
	@$(MAKE) --no-print-directory pg-install >/dev/null
	@timeout $(TEST_PG_TIMEOUT) scripts/test-pg.sh

TEST_EXTRA_TARGETS += test-pg

# SQLite vs PostgreSQL (one server, three shards) on VNTC: see
# bench/pg/run.sh (BENCH_PG_N, BENCH_PG_SCALE, BENCH_PG_PROCS).
bench-pg: release pg-ext
	@scripts/deps.sh ensure pg
	@SHARED=$(SHARED) timeout 7000 nice bench/pg/run.sh

BENCH_TARGETS += bench-pg

# Ingest scaling: 1 vs BENCH_PG_PROCS ingest processes, one server and two
# shards, wall and CPU (bench/pg/ingest.sh; not part of make bench).
bench-pg-ingest: release pg-ext
	@scripts/deps.sh ensure pg
	@SHARED=$(SHARED) timeout 3600 nice bench/pg/ingest.sh

# What concurrent ingest processes wait on: pg_stat_activity and pg_locks
# sampled during a 2-process ingest (bench/pg/waits.sh; BENCH_PG_SHARDS=1
# for a coordinator over two shards; not part of make bench).
bench-pg-waits: release pg-ext
	@scripts/deps.sh ensure pg
	@SHARED=$(SHARED) timeout 3600 nice bench/pg/waits.sh
