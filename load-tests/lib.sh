# Helpers of load-tests/run, kept apart so that load-tests/lib-test can check them on their own.

# The newest directory under $1 (with its trailing slash), or nothing. No "ls | head -1": under pipefail,
# head leaving early kills ls with SIGPIPE once the listing takes more than one write (about 60 reports),
# and the runner ended right after Gatling, without its summary, about one time in four. Never fails: with no
# directory under $1, ls's failure ended the runner (set -e) before Gatling's first run on a fresh checkout.
newest_dir() {
  { ls -td "$1"/*/ 2>/dev/null || true; } | sed -n 1p
}

# One line of the service's metrics for service-metrics.txt (the line's fields: see load-tests/run), or nothing when
# the scrape fails or times out (1 s). Never fails: the runner's samplers run under its set -e and pipefail, and a
# failed curl once ended this sampler at the first scrape the service was too busy to answer, leaving the rest of
# the run without service metrics.
service_sample() {
  { curl -s --max-time 1 "$1" || true; } | awk -v now="$(date +%s)" '
    /^ledger_append_transactions_total / { tx = $2 } /^ledger_append_events_total / { events = $2 }
    /^vertx_http_server_active_connections / { connections = $2 }
    /^vertx_http_server_active_requests\{method="POST"\}/ { posts = $2 }
    /^vertx_pool_queue_pending\{pool_name="shared",pool_type="sql"\}/ { waiting = $2 }
    /^vertx_pool_queue_pending\{pool_name="store",pool_type="sql"\}/ { store = $2 }
    /^vertx_pool_queue_pending\{pool_name="appends",pool_type="sql"\}/ { appends = $2 }
    END { if (tx != "") printf "%s %d %d %d %d %d %d %d\n", now, tx, events, connections, posts, waiting, store, appends }'
}

# A free TCP port on 127.0.0.1 for a listener.
free_port() {
  local port
  while :; do
    # below Linux's ephemeral range (32768 and up): a client socket's local port there is not a listener,
    # so the probe below finds it free, and the service's bind then fails
    port=$((20000 + RANDOM % 12000))
    (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
}

# "<service> <postgres> <generator>": the CPU (user and system clock ticks, 100 a second) each has used so far.
# $1 the service's pid, $2 the postmaster's (PostgreSQL is it and its children; a worker that ends between two
# readings is missed), $3 the generator's or "none". Never fails: a process that ends while /proc is read must not
# stop a sampler running under set -e and pipefail (hence cat, not awk's own file list, and its status ignored).
cpu_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v service="$1" -v postmaster="$2" -v generator="$3" '
    { pid = $1; split(substr($0, index($0, ") ") + 2), field, " ")  # field 1 is the state, 2 the parent
      ticks = field[12] + field[13]                                   # utime and stime
      if (pid == service) service_ticks += ticks
      else if (pid == postmaster || field[2] == postmaster) postgres_ticks += ticks
      else if (pid == generator) generator_ticks += ticks }
    END { printf "%d %d %d\n", service_ticks, postgres_ticks, generator_ticks }'
}

# The service's JVM options for the rush. The parallel collector: on two cores shared with PostgreSQL and the
# generator, ZGC's concurrent cycles and barriers cost the service about a third more CPU per access, and a cycle
# that began in the lull before the peak took the CPU the peak's onset needed. The heap is fixed at a quarter of the
# machine's memory (the JVM's own default maximum), at most 6 GB, half of it the young generation: collected
# every few seconds at the peak. (The runs in docs/benchmarks.md had 6 GB on a 24 GB machine, where this gives
# 5.9 GB.) Objects that survive one collection are promoted at once (MaxTenuringThreshold=1), so the consent
# view is not copied again at every young pause (docs/decisions.md).
rush_java_opts() {
  local memory_mb quarter_mb heap_mb
  memory_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null || true)
  quarter_mb=$(( ${memory_mb:-24576} / 4 ))
  heap_mb=$(( quarter_mb < 6144 ? quarter_mb : 6144 ))
  echo "-XX:+UseParallelGC -Xms${heap_mb}m -Xmx${heap_mb}m -Xmn$((heap_mb / 2))m -XX:MaxTenuringThreshold=1"
}

# The environment a service started from these scripts needs: a JDK (Temurin 25 here when JAVA_HOME is unset),
# Axon's update checker off, and many open files (the peak opens many sockets on both sides).
java_environment() {
  if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  export PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"
  export AXONIQ_UPDATE_CHECKER_DISABLED=true
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# Waits until the --demo service $2, started in the work directory $1, has written its tokens (seeding 20,000
# employees takes about a minute). Fails, with the service's log, when it ended first or after half an hour.
await_demo_tokens() {
  local _
  for _ in $(seq 1 1800); do
    [ -f "$1/data/demo-tokens.env" ] && return 0
    kill -0 "$2" 2>/dev/null || { cat "$1/service.log" >&2; return 1; }
    sleep 1
  done
  echo "the service did not get ready within 30 minutes" >&2
  return 1
}
