#!/usr/bin/env bash
# Puts libchdb.so of the npm package @chdb/lib-linux-x64-gnu@<version> into <dir>, unless it is
# there already: `npm pack` fetches the package (through npm's cache), the library is unpacked
# beside it and moved into place only when complete. Run by test-support's build.
set -euo pipefail
version="$1"
dir="$2"
if [ -s "$dir/libchdb.so" ]; then
  exit 0
fi
echo "Fetching libchdb.so $version (npm @chdb/lib-linux-x64-gnu) into $dir"
mkdir -p "$dir"
work="$(mktemp -d "$dir/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@chdb/lib-linux-x64-gnu@$version" > tarball.txt)
tar -xzf "$work/$(tail -n 1 "$work/tarball.txt")" -C "$work" package/libchdb.so
mv "$work/package/libchdb.so" "$dir/libchdb.so"
echo "libchdb.so $version is in $dir"
