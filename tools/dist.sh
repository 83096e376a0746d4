#!/usr/bin/env bash
# Builds the release archives of passerelle, one per target, with their
# SHA-256 checksums, into dist/:
#
#   dist/passerelle-<version>-<target>.tar.gz   the program, README.md, docs/
#   dist/SHA256SUMS                             `sha256sum -c SHA256SUMS` checks them
#
# Usage: bash tools/dist.sh              the targets the toolchain can build
#        TARGETS="x86_64-unknown-linux-musl" bash tools/dist.sh
#
# By default it builds for this computer (x86_64-unknown-linux-gnu on a
# Linux PC) and, when its Rust target is installed
# (`rustup target add x86_64-unknown-linux-musl`, and Debian's `musl-tools`),
# a fully static Linux program that runs on any Linux x86_64. The gnu build
# needs the glibc version printed at the end, or later.
# Windows and macOS users build with cargo (see README, "I build it").
# The archives are reproducible: files sorted, dated from the last commit.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
host=$(rustc -vV | sed -n 's/^host: //p')
if [ -z "${TARGETS:-}" ]; then
  TARGETS=$host
  if rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl \
     && command -v musl-gcc >/dev/null; then
    TARGETS="$TARGETS x86_64-unknown-linux-musl"
  fi
fi
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
target_dir=${CARGO_TARGET_DIR:-target}

rm -rf dist
mkdir -p dist
for target in $TARGETS; do
  echo "== passerelle $version for $target" >&2
  cargo build --profile dist --locked --target "$target"
  name="passerelle-$version-$target"
  stage="dist/$name"
  mkdir -p "$stage/docs"
  exe=passerelle
  case "$target" in *windows*) exe=passerelle.exe ;; esac
  cp "$target_dir/$target/dist/$exe" "$stage/"
  cp README.md "$stage/"
  cp docs/*.md "$stage/docs/"
  {
    echo "passerelle $version, $target"
    "$stage/$exe" --version 2>/dev/null || true
    case "$target" in
      *linux-musl*) echo "Static program: runs on any Linux $target, nothing to install." ;;
      *linux-gnu*)
        glibc=$(objdump -T "$stage/$exe" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -V | tail -1 | sed 's/GLIBC_//')
        echo "Needs Linux with glibc $glibc or later (Debian 12, Ubuntu 22.04, Fedora 36 and later have it)."
        echo "glibc minimum for $target: $glibc" >&2 ;;
    esac
  } > "$stage/TARGET.txt"
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
      -C dist -cf - "$name" | gzip -n -9 > "dist/$name.tar.gz"
  rm -rf "$stage"
done
(cd dist && sha256sum -- *.tar.gz > SHA256SUMS)
echo "== dist/:" >&2
cat dist/SHA256SUMS >&2
