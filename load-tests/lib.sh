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
