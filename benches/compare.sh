#!/usr/bin/env bash
# aftalebog against Hugo and mdBook on the same generated site (examples/generate_site), then
# aftalebog's own check, cached rebuild and serve save-to-reload times. Not a test: the figures
# depend on the machine and on what else runs on it (the load average is printed).
#
#   benches/compare.sh                  # N = 1,000, 10,000, 50,000; 5 runs each after a warm-up
#   RUNS=3 benches/compare.sh 1000 10000
#   TOOLS="aftalebog hugo" benches/compare.sh 10000
#
# Needs hugo and mdbook on PATH (`apt-get install hugo`, `cargo install mdbook`) and GNU time
# (`apt-get install time`). Sites and outputs go under $WORK (default /dev/shm, so the disk's
# speed does not drown the generators' own time).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 50000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-5}
TOOLS=${TOOLS:-aftalebog hugo mdbook}
EXTRAS_AT=${EXTRAS_AT:-10000}   # the size at which check, cached rebuild and serve are timed
MDBOOK_MAX=${MDBOOK_MAX:-50000} # mdBook builds on one core: lower this to leave it out of the largest sizes
WORK=${WORK:-/dev/shm/aftalebog-bench}
TODAY=2026-11-23

cargo build --release --quiet --bin aftalebog --example generate_site --example reload_latency
A=$PWD/target/release/aftalebog
GEN=$PWD/target/release/examples/generate_site
mkdir -p "$WORK"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD)"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB, $(uname -sr)"
echo "# aftalebog $($A --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f2), mdbook $(mdbook --version 2>/dev/null | cut -d' ' -f2 || echo missing)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs per tool after a warm-up, alternating"

# One timed run: prints "wall user+sys peak_rss_kb".
timed() {
    local log
    log=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >/dev/null 2>"$log.err" || {
        cat "$log.err" >&2
        exit 1
    }
    awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$log"
    rm -f "$log" "$log.err"
}

build_cmd() { # tool site out
    case $1 in
    aftalebog) echo "$A build --root $2 --today $TODAY --out $3" ;;
    hugo) echo "hugo --quiet -s $2 -d $3" ;;
    mdbook) echo "mdbook build $2 -d $3" ;;
    esac
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
col() { awk -v c="$1" '{print $c}' "$2" | median; }

for N in "${SIZES[@]}"; do
    echo
    echo "## N = $N"
    tools=""
    for t in $TOOLS; do
        if [[ $t == mdbook && $N -gt $MDBOOK_MAX ]]; then
            echo "(mdbook left out at N = $N: MDBOOK_MAX=$MDBOOK_MAX)"
            continue
        fi
        tools="$tools $t"
    done
    for t in $tools; do
        rm -rf "$WORK/$t-$N" "$WORK/out-$t-$N"
        "$GEN" "$WORK/$t-$N" "$N" --for "$t" >/dev/null
        : >"$WORK/times-$t-$N"
        # Warm-up: fills the page cache and shows the command works.
        timed $(build_cmd "$t" "$WORK/$t-$N" "$WORK/out-$t-$N") >/dev/null
    done
    for _ in $(seq "$RUNS"); do
        for t in $tools; do
            # A clean build: no output and no cache beside it.
            rm -rf "$WORK/out-$t-$N" "$WORK/.out-$t-$N.cache"
            timed $(build_cmd "$t" "$WORK/$t-$N" "$WORK/out-$t-$N") >>"$WORK/times-$t-$N"
        done
    done
    printf '| %-9s | %8s | %8s | %9s | %6s | %9s | %8s | %s |\n' tool wall CPU 'peak RSS' pages largest output 'per doc'
    printf '|%s|\n' '---|---|---|---|---|---|---|---'
    for t in $tools; do
        f=$WORK/times-$t-$N
        wall=$(col 1 "$f") cpu=$(col 2 "$f") rss=$(col 3 "$f")
        pages=$(find "$WORK/out-$t-$N" -name '*.html' | wc -l)
        largest=$(find "$WORK/out-$t-$N" -name '*.html' -printf '%s\n' | sort -n | tail -1)
        size=$(du -sm "$WORK/out-$t-$N" | cut -f1)
        printf '| %-9s | %7.2fs | %7.2fs | %6d MB | %6d | %6d KB | %5d MB | %.2f ms |\n' "$t" "$wall" "$cpu" \
            $((rss / 1024)) "$pages" $((largest / 1024)) "$size" "$(echo "$wall * 1000 / $N" | bc -l)"
        echo "$wall $cpu $rss" >"$WORK/median-$t-$N"
    done
    if [[ " $tools " == *" aftalebog "* ]]; then
        read -r aw ac ar <"$WORK/median-aftalebog-$N"
        for t in $tools; do
            [[ $t == aftalebog ]] && continue
            read -r w c r <"$WORK/median-$t-$N"
            printf 'aftalebog / %s: wall %.2f×, CPU %.2f×, peak RSS %.2f×\n' "$t" \
                "$(echo "$aw / $w" | bc -l)" "$(echo "$ac / $c" | bc -l)" "$(echo "$ar / $r" | bc -l)"
        done
    fi

    [[ $N == "$EXTRAS_AT" && " $TOOLS " == *" aftalebog "* ]] || continue
    site=$WORK/aftalebog-$N out=$WORK/out-aftalebog-$N
    : >"$WORK/check-$N"
    for _ in $(seq "$RUNS"); do timed "$A" check --root "$site" --today $TODAY >>"$WORK/check-$N"; done
    echo
    echo "check alone: median wall $(col 1 "$WORK/check-$N") s, CPU $(col 2 "$WORK/check-$N") s, peak RSS $(($(col 3 "$WORK/check-$N") / 1024)) MB"

    # A rebuild after a one-file edit, with the output (and its cache) of the run before.
    doc=$site/content/aftaler/doc-00042.md
    cp "$doc" "$WORK/doc-00042.orig"
    $(build_cmd aftalebog "$site" "$out") >/dev/null
    : >"$WORK/edit-$N"
    for r in $(seq "$RUNS"); do
        sed -i "0,/^## /s//## Ændring $r /" "$doc"
        timed $(build_cmd aftalebog "$site" "$out") >>"$WORK/edit-$N"
        cp "$WORK/doc-00042.orig" "$doc"
        $(build_cmd aftalebog "$site" "$out") >/dev/null
    done
    echo "rebuild after a one-file edit (cache beside the output): median wall $(col 1 "$WORK/edit-$N") s, CPU $(col 2 "$WORK/edit-$N") s, peak RSS $(($(col 3 "$WORK/edit-$N") / 1024)) MB"

    echo
    echo "serve, save → new generation on the long poll:"
    target/release/examples/reload_latency --site "$site" --doc content/aftaler/doc-00042.md --rounds "$RUNS"
done
echo
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
