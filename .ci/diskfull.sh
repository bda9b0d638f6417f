#!/usr/bin/env bash
# Disk full and read-only file systems, with the real `liggare` binary (issue 8, items 5 and 6).
#
# Mounts a small tmpfs (needs root and permission to mount; otherwise it says SKIPPED and exits 0), fills it by
# appending, and checks that:
#   - the append that does not fit fails with exit 74 and a message naming the ledger file and the error;
#   - the ledger is unchanged, byte for byte (the appender truncates a partly written batch back), verify passes and
#     repair has nothing to do;
#   - every acknowledged event (exit 0) is in the ledger, exactly once;
#   - after space is freed, the next append works.
# Then remounts the file system read-only (and, separately, a read-only bind mount of it) and checks that append,
# repair and init are refused before anything is attempted (exit 1, exact messages) while verify, log and checkpoint
# still work.
#
# Usage: bash .ci/diskfull.sh   (LIGGARE_BIN=path/to/liggare to use a given binary; LIGGARE_SCRATCH=.build-x to
# build with another scratch path)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { echo "diskfull: $*"; }
checks=0
fail() { echo "diskfull: FAILED: $*" >&2; exit 1; }
ok() { checks=$((checks + 1)); say "ok: $*"; }

if [ "$(id -u)" != 0 ]; then say "SKIPPED: needs root to mount a tmpfs (running as $(id -un))"; exit 0; fi

BIN=${LIGGARE_BIN:-}
if [ -z "$BIN" ]; then
    SCRATCH=${LIGGARE_SCRATCH:-.build}
    swift build --scratch-path "$SCRATCH" --product liggare >/tmp/liggare-diskfull-build.log 2>&1 \
        || { cat /tmp/liggare-diskfull-build.log >&2; fail "could not build liggare"; }
    BIN=$(swift build --scratch-path "$SCRATCH" --show-bin-path)/liggare
fi
[ -x "$BIN" ] || fail "no liggare binary at $BIN"

WORK=$(mktemp -d /tmp/liggare-diskfull.XXXXXX)
MNT=$WORK/mnt
RO=$WORK/ro
mkdir -p "$MNT" "$RO"
cleanup() {
    mountpoint -q "$RO" && umount "$RO"
    mountpoint -q "$MNT" && umount "$MNT"
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! mount -t tmpfs -o size=256k,mode=0755 tmpfs "$MNT" 2>"$WORK/mount.err"; then
    say "SKIPPED: mount -t tmpfs is not permitted here: $(cat "$WORK/mount.err")"
    exit 0
fi
say "mounted a 256 KiB tmpfs at $MNT"

export LIGGARE_ACTOR=diskfull NO_COLOR=1
L=$MNT/ledger.jsonl
liggare() { "$BIN" "$@"; }

liggare init --organization "Region Diskfull" --ledger "$L" >/dev/null || fail "init failed"
# Something to delete later, to free space.
dd if=/dev/zero of="$MNT/filler" bs=4096 count=16 status=none || fail "cannot write the filler file"

filler=$(head -c 5000 /dev/zero | tr '\0' 'x')
: >"$WORK/acks"
n=0
code=0
while :; do
    n=$((n + 1))
    cp "$L" "$WORK/before.jsonl"
    liggare append --ledger "$L" --type note.added --effective 2025-06-10 \
        --data "{\"text\":\"ev-$n-$filler\"}" >"$WORK/out" 2>"$WORK/err"
    code=$?
    if [ $code -eq 0 ]; then echo "$n" >>"$WORK/acks"; continue; fi
    break
done
acked=$(wc -l <"$WORK/acks")
say "the disk filled after $acked acknowledged appends; append $n exited $code"
[ "$acked" -gt 5 ] || fail "expected several appends to fit, got $acked"
[ $code -eq 74 ] || fail "append on a full disk exited $code, not 74: $(cat "$WORK/err")"
ok "append on a full disk exits 74"
grep -Eq "^liggare: error: (write|fsync) failed for $L: No space left on device$" "$WORK/err" \
    || fail "unexpected message: $(cat "$WORK/err")"
ok "the message names the file and the error: $(cat "$WORK/err")"
cmp -s "$L" "$WORK/before.jsonl" || fail "the ledger changed after the failed append (not truncated back)"
# tmpfs allocates whole pages: the room left in the ledger's last page was written before ENOSPC, so the failed
# append did write part of its line, which the appender then truncated away.
size=$(stat -c %s "$L")
slack=$(( (4096 - size % 4096) % 4096 ))
[ "$slack" -gt 0 ] || say "note: the ledger ended exactly at a page boundary, so the failed write wrote nothing"
ok "the ledger is byte for byte as before the failed append ($slack bytes of it fitted in the last page and were truncated back)"

# A batch that does not fit either: refused whole.
for i in 1 2 3; do echo "{\"type\":\"note.added\",\"effective\":\"2025-06-10\",\"data\":{\"text\":\"batch-$i-$filler\"}}"; done \
    >"$WORK/batch.jsonl"
liggare append --ledger "$L" --file "$WORK/batch.jsonl" >/dev/null 2>"$WORK/err"
code=$?
[ $code -eq 74 ] || fail "a batch on a full disk exited $code: $(cat "$WORK/err")"
cmp -s "$L" "$WORK/before.jsonl" || fail "the ledger changed after the failed batch"
ok "a batch on a full disk exits 74 and leaves the ledger unchanged"

liggare verify --ledger "$L" >"$WORK/out" 2>&1 || { cat "$WORK/out"; fail "verify failed after the disk filled"; }
ok "verify passes: $(head -1 "$WORK/out")"
liggare repair --ledger "$L" >"$WORK/out" 2>&1 || fail "repair failed: $(cat "$WORK/out")"
grep -q "has no torn tail" "$WORK/out" || fail "repair found something to do: $(cat "$WORK/out")"
ok "repair has nothing to do"

# Every acknowledged event is present exactly once.
liggare log --ledger "$L" --format json | grep -o '"text":"ev-[0-9]*-' | sed 's/"text":"ev-//; s/-$//' | sort -n >"$WORK/present"
sort -n "$WORK/acks" | cmp -s - "$WORK/present" || fail "acknowledged and stored events differ: $(diff <(sort -n "$WORK/acks") "$WORK/present" | head)"
ok "all $acked acknowledged events are in the ledger, each once, and nothing else"

rm "$MNT/filler"
liggare append --ledger "$L" --type note.added --effective 2025-06-10 --data '{"text":"after freeing space"}' >"$WORK/out" 2>&1 \
    || fail "append after freeing space failed: $(cat "$WORK/out")"
liggare verify --ledger "$L" >/dev/null || fail "verify failed after the next append"
ok "after space is freed the next append works: $(head -1 "$WORK/out")"

# Read-only file system: the same ledger, remounted read-only.
head=$(liggare checkpoint --ledger "$L") || fail "checkpoint failed"
if mount -o remount,ro "$MNT" 2>"$WORK/mount.err"; then
    cp "$L" "$WORK/before.jsonl"
    liggare append --ledger "$L" --type note.added --effective 2025-06-10 --data '{"text":"x"}' >/dev/null 2>"$WORK/err"
    code=$?
    [ $code -eq 1 ] || fail "append on a read-only file system exited $code: $(cat "$WORK/err")"
    [ "$(cat "$WORK/err")" = "liggare: error: the ledger $L is read-only: nothing was written. Read commands (verify, log, checkpoint) still work." ] \
        || fail "unexpected message: $(cat "$WORK/err")"
    ok "append on a read-only file system: exit 1, $(cat "$WORK/err")"
    liggare repair --ledger "$L" >/dev/null 2>"$WORK/err"
    code=$?
    [ $code -eq 1 ] && grep -q "is read-only: nothing was written" "$WORK/err" || fail "repair on a read-only file system: exit $code: $(cat "$WORK/err")"
    ok "repair on a read-only file system: exit 1"
    liggare init --organization X --ledger "$MNT/new.jsonl" >/dev/null 2>"$WORK/err"
    code=$?
    [ $code -eq 1 ] && [ "$(cat "$WORK/err")" = "liggare: error: the directory $MNT is read-only: no file can be created there; nothing was written." ] \
        || fail "init on a read-only file system: exit $code: $(cat "$WORK/err")"
    ok "init on a read-only file system: exit 1, $(cat "$WORK/err")"
    liggare verify --ledger "$L" >/dev/null && liggare log --ledger "$L" >/dev/null \
        && [ "$(liggare checkpoint --ledger "$L")" = "$head" ] || fail "read commands failed on a read-only file system"
    cmp -s "$L" "$WORK/before.jsonl" || fail "the read-only ledger changed"
    ok "verify, log and checkpoint work on a read-only file system; the ledger is unchanged"
    mount -o remount,rw "$MNT" || fail "cannot remount read-write"
else
    say "SKIPPED (read-only remount): $(cat "$WORK/mount.err")"
fi

# A read-only bind mount of a writable file system.
if mount --bind "$MNT" "$RO" 2>"$WORK/mount.err" && mount -o remount,bind,ro "$RO" 2>>"$WORK/mount.err"; then
    liggare append --ledger "$RO/ledger.jsonl" --type note.added --effective 2025-06-10 --data '{"text":"x"}' >/dev/null 2>"$WORK/err"
    code=$?
    [ $code -eq 1 ] && grep -q "^liggare: error: the ledger $RO/ledger.jsonl is read-only: nothing was written." "$WORK/err" \
        || fail "append through a read-only bind mount: exit $code: $(cat "$WORK/err")"
    [ "$(liggare checkpoint --ledger "$RO/ledger.jsonl")" = "$head" ] || fail "checkpoint through the read-only bind mount"
    ok "a read-only bind mount: append refused (exit 1), checkpoint reads the same head"
    liggare append --ledger "$L" --type note.added --effective 2025-06-10 --data '{"text":"through the writable mount"}' >/dev/null \
        || fail "append through the writable mount failed"
    ok "the same file through its writable mount still appends"
else
    say "SKIPPED (read-only bind mount): $(cat "$WORK/mount.err")"
fi

say "all $checks checks passed"
