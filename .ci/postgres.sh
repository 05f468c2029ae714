# Starts a throwaway PostgreSQL cluster owned by an unprivileged user, on a free
# loopback port, and exports SAYSO_TEST_DATABASE_URL. Stopped when the shell exits.
start_test_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local dir
  dir=$(mktemp -d /tmp/sayso-pg.XXXXXX)
  local port
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  local user=postgres
  id "$user" >/dev/null 2>&1 || user=$(whoami)
  chown "$user" "$dir"
  local run="runuser -u $user --"
  [ "$user" = "$(whoami)" ] && run=""
  $run "$bindir/initdb" -D "$dir/data" -U sayso --auth=trust -E UTF8 >/dev/null
  $run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export SAYSO_TEST_DATABASE_URL="postgres://sayso@127.0.0.1:$port/postgres"
  export SAYSO_PG_STOP="$run $bindir/pg_ctl -D $dir/data -m fast stop"
  trap 'eval "$SAYSO_PG_STOP" >/dev/null 2>&1 || true' EXIT
  echo "test PostgreSQL on port $port"
}
