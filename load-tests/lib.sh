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
