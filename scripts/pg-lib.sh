# pg-lib.sh -- sourced by scripts/test-pg.sh and bench/pg-bench.sh: make
# throw-away PostgreSQL 15 servers (Debian's binaries) in a temporary
# folder, on 127.0.0.1 only, as a non-root user, and remove them again.
#   pgl_init            make $PGL_DIR, a password, pick the server user
#   pgl_start NAME      initdb (first time) + start; sets PGL_PORT_<NAME>
#   pgl_stop NAME [MODE]  pg_ctl stop (MODE fast|immediate)
#   pgl_kill NAME       SIGKILL the postmaster (a crashed shard)
#   pgl_url NAME [DB]   postgresql://postgres:PW@127.0.0.1:PORT/DB
#   pgl_psql NAME DB ARGS...   psql as the superuser over TCP
#   pgl_cleanup         stop everything started, delete $PGL_DIR
#   hoso_pg_load NAME DB  load THIS tree's pg/hoso_pg.so + script into DB
PGL_BIN=${PGL_BIN:-/usr/lib/postgresql/15/bin}
PGL_NAMES=()

pgl_as() { # run a server command as the server user
  if [ "$(id -u)" = 0 ]; then runuser -u "$PGL_USER" -- "$@"; else "$@"; fi
}

pgl_init() {
  if [ "$(id -u)" = 0 ]; then
    PGL_USER=postgres
    id -u postgres >/dev/null 2>&1 || { echo "pg: no user postgres (is postgresql-15 installed?)" >&2; return 1; }
  else
    PGL_USER=$(id -un)
  fi
  PGL_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hoso-pg.XXXXXX") || return 1
  chmod 755 "$PGL_DIR"
  PGL_PW=pw$RANDOM$RANDOM$$
  printf '%s\n' "$PGL_PW" > "$PGL_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown -R "$PGL_USER" "$PGL_DIR"
  export PGPASSWORD=$PGL_PW PGCONNECT_TIMEOUT=10
  return 0
}

pgl_free_port() { # a TCP port on 127.0.0.1 nobody listens on
  local p tries=0
  while [ $tries -lt 200 ]; do
    p=$(( 20000 + (RANDOM * 7 + $$ + tries * 13) % 30000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return 0; fi
    tries=$((tries + 1))
  done
  return 1
}

pgl_start() {
  local name=$1 d="$PGL_DIR/$1" port var="PGL_PORT_$1"
  port=${!var:-}
  if [ ! -d "$d" ]; then
    port=$(pgl_free_port) || { echo "pg: no free port" >&2; return 1; }
    pgl_as "$PGL_BIN/initdb" -D "$d" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PGL_DIR/pwfile" \
      --no-sync >"$PGL_DIR/initdb-$name.log" 2>&1 \
      || { echo "pg: initdb $name failed:" >&2; tail -n 20 "$PGL_DIR/initdb-$name.log" >&2; return 1; }
    cat >>"$d/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PGL_DIR'
fsync = off
full_page_writes = on
shared_buffers = 64MB
max_connections = 40
max_prepared_transactions = 10
log_min_messages = warning
CONF
    printf -v "$var" '%s' "$port"
    PGL_NAMES+=("$name")
  fi
  # The port was free when picked, but other servers on this machine (other
  # test runs) may take it before ours binds: then pick another and retry.
  local try=0
  while :; do
    rm -f "$PGL_DIR/$name.log"
    # each server process may map at most PGL_VMEM_KB (default 3 GB): a
    # runaway backend (RUM's scan once grew to 22 GB here and the kernel's
    # OOM killer took it) then fails with "out of memory" instead of
    # taking the shared machine's memory
    (ulimit -v "${PGL_VMEM_KB:-3000000}" &&
      pgl_as "$PGL_BIN/pg_ctl" -D "$d" -l "$PGL_DIR/$name.log" -w -t 60 start >"$PGL_DIR/pg_ctl-$name.log" 2>&1) && return 0
    if [ $try -lt 5 ] && grep -q "Address already in use" "$PGL_DIR/$name.log"; then
      port=$(pgl_free_port) || break
      echo "port = $port" >>"$d/postgresql.conf" # the last setting wins
      printf -v "$var" '%s' "$port"
      try=$((try + 1))
      continue
    fi
    break
  done
  echo "pg: server $name did not start:" >&2; tail -n 20 "$PGL_DIR/$name.log" >&2; return 1
}

pgl_stop() {
  pgl_as "$PGL_BIN/pg_ctl" -D "$PGL_DIR/$1" -m "${2:-fast}" -w -t 60 stop >/dev/null 2>&1
}

pgl_kill() {
  local pid
  pid=$(head -n 1 "$PGL_DIR/$1/postmaster.pid" 2>/dev/null) || return 1
  kill -9 "$pid" 2>/dev/null
  # the children notice the postmaster is gone and exit; wait for them
  local i=0
  while [ $i -lt 50 ] && pgl_as "$PGL_BIN/pg_ctl" -D "$PGL_DIR/$1" status >/dev/null 2>&1; do
    sleep 0.1; i=$((i + 1))
  done
  sleep 0.5
}

pgl_url() {
  local var="PGL_PORT_$1"
  echo "postgresql://postgres:$PGL_PW@127.0.0.1:${!var}/${2:-postgres}"
}

pgl_psql() {
  local name=$1 db=$2; shift 2
  local var="PGL_PORT_$name"
  "$PGL_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${!var}" -U postgres -d "$db" "$@"
}

pgl_cleanup() {
  local n
  [ -n "${PGL_DIR:-}" ] && [ -d "$PGL_DIR" ] || return 0
  for n in "${PGL_NAMES[@]}"; do
    [ -f "$PGL_DIR/$n/postmaster.pid" ] && pgl_stop "$n" immediate
  done
  if [ -n "${PGL_KEEP:-}" ]; then echo "pg: kept $PGL_DIR" >&2; return 0; fi
  rm -rf "$PGL_DIR"
}

# pgl_shard_setup COORD DB TABLE NAME... -- TABLE on COORD becomes a table
# hash-partitioned on id, one partition per NAME: a postgres_fdw foreign
# partition on server NAME (which gets the real table TABLE_i with its GIN
# index), or a local partition for the name "local". Columns: id, story_id,
# title, body, tsv (to_tsvector('vietnamese', ...) computed on COORD).
pgl_shard_setup() {
  local coord=$1 db=$2 tab=$3; shift 3
  local n=$# i=0 sh var cols sql
  cols="id bigint NOT NULL, story_id bigint, title text, body text NOT NULL, tsv tsvector NOT NULL"
  sql="CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE TABLE $tab($cols) PARTITION BY HASH (id);"
  for sh in "$@"; do
    if [ "$sh" = local ]; then
      sql+="CREATE TABLE ${tab}_$i PARTITION OF $tab FOR VALUES WITH (MODULUS $n, REMAINDER $i);
CREATE INDEX ${tab}_${i}_tsv ON ${tab}_$i USING gin(tsv);
ALTER TABLE ${tab}_$i ADD PRIMARY KEY (id);"
    else
      var="PGL_PORT_$sh"
      pgl_psql "$sh" "$db" -c "CREATE TABLE ${tab}_$i($cols, PRIMARY KEY (id));
CREATE INDEX ${tab}_${i}_tsv ON ${tab}_$i USING gin(tsv);" || return 1
      sql+="CREATE SERVER IF NOT EXISTS $sh FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '${!var}', dbname '$db', async_capable 'true', fetch_size '1000', batch_size '200');
CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER $sh OPTIONS (user 'postgres', password '$PGL_PW');
CREATE FOREIGN TABLE ${tab}_$i PARTITION OF $tab FOR VALUES WITH (MODULUS $n, REMAINDER $i) SERVER $sh OPTIONS (table_name '${tab}_$i');"
    fi
    i=$((i + 1))
  done
  pgl_psql "$coord" "$db" -c "$sql"
}

# The checks and benchmarks load THIS tree's build (the extension script
# with the .so's own path), so a concurrent `make pg-install` from another
# checkout cannot change what is measured. Needs `make pg-ext` first.
pgl_install_file() { # pgl_install_file SRC DEST MODE: copy, then rename into place
  cp "$1" "$2.new.$$" && chmod "$3" "$2.new.$$" && mv -f "$2.new.$$" "$2"
}
hoso_pg_load() { # hoso_pg_load SERVER DB
  # Copy to a new file and rename over the old one: a running backend may
  # still have the previous hoso_pg.so (and the models) mapped, and writing
  # into a mapped file in place crashes it and resets the whole server.
  pgl_install_file pg/hoso_pg.so "$PGL_DIR/hoso_pg.so" 755 || return 1
  mkdir -p "$PGL_DIR/models" && chmod 755 "$PGL_DIR/models" || return 1
  local m
  for m in models/vi-seg.model models/vi-dict.bin; do
    pgl_install_file "$m" "$PGL_DIR/models/${m##*/}" 644 || return 1
  done
  pgl_psql "$1" postgres -c "ALTER DATABASE \"$2\" SET hoso.model_dir = '$PGL_DIR/models'" || return 1
  sed -e '/^\\echo/d' -e "s|MODULE_PATHNAME|$PGL_DIR/hoso_pg|g" \
      -e 's|@extschema@|public|g' pg/hoso_pg--0.2.sql | pgl_psql "$1" "$2" 2>&1
}
