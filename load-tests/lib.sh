# Helpers of load-tests/run, kept apart so that load-tests/lib-test can check them on their own.

# The newest directory under $1 (with its trailing slash), or nothing. No "ls | head -1": under pipefail,
# head leaving early kills ls with SIGPIPE once the listing takes more than one write (about 60 reports),
# and the runner ended right after Gatling, without its summary, about one time in four.
newest_dir() {
  ls -td "$1"/*/ 2>/dev/null | sed -n 1p
}
