#!/bin/sh
# Installs xinfang for an office (docs/install.md): the executable set-group-id `xinfang`,
# the reference data, the configuration naming the office folder, and that folder
# (2770 root:xinfang). Run as root. `make install PREFIX=…` builds and calls this.
#   scripts/install.sh PREFIX BINARY [FOLDER]
# FOLDER defaults to PREFIX/var/lib/xinfang. An existing xinfang.conf is kept. Shell
# completions (bash, zsh, fish) are generated from BINARY; a manual page is installed if
# MANPAGE names one (make install generates it with swift-argument-parser's plugin).
set -eu
prefix=${1:?usage: install.sh PREFIX BINARY [FOLDER]}
binary=${2:?usage: install.sh PREFIX BINARY [FOLDER]}
folder=${3:-$prefix/var/lib/xinfang}
here=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" != 0 ]; then
    echo "install.sh: run as root (it creates the group xinfang and a set-group-id executable)" >&2
    exit 1
fi
case "$prefix" in /*) ;; *) echo "install.sh: PREFIX must be an absolute path" >&2; exit 1 ;; esac
case "$folder" in /*) ;; *) echo "install.sh: FOLDER must be an absolute path" >&2; exit 1 ;; esac

# The group no person belongs to: only the set-group-id executable acts with it.
getent group xinfang >/dev/null || groupadd --system xinfang

umask 022
install -d -m 0755 "$prefix/bin" "$prefix/etc" "$prefix/share/xinfang" "$(dirname "$folder")"
# chown clears the set-group-id bit, so the mode is set after it.
install -m 0755 "$binary" "$prefix/bin/xinfang.new"
chown root:xinfang "$prefix/bin/xinfang.new"
chmod 2755 "$prefix/bin/xinfang.new"
mv -f "$prefix/bin/xinfang.new" "$prefix/bin/xinfang"

rm -rf "$prefix/share/xinfang/data.new"
cp -R "$here/data" "$prefix/share/xinfang/data.new"
chown -R root:root "$prefix/share/xinfang/data.new"
chmod -R u=rwX,go=rX "$prefix/share/xinfang/data.new"
rm -rf "$prefix/share/xinfang/data"
mv "$prefix/share/xinfang/data.new" "$prefix/share/xinfang/data"

# Completions, from the executable itself (swift-argument-parser writes them).
install -d -m 0755 "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d"
"$binary" --generate-completion-script bash > "$prefix/share/bash-completion/completions/xinfang"
"$binary" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_xinfang"
"$binary" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/xinfang.fish"
chmod 0644 "$prefix/share/bash-completion/completions/xinfang" "$prefix/share/zsh/site-functions/_xinfang" \
    "$prefix/share/fish/vendor_completions.d/xinfang.fish"
if [ -n "${MANPAGE:-}" ]; then
    install -d -m 0755 "$prefix/share/man/man1"
    install -m 0644 "$MANPAGE" "$prefix/share/man/man1/xinfang.1"
fi

# The office folder: only root and the xinfang group (the executable) may enter it.
mkdir -p "$folder"
chown root:xinfang "$folder"
chmod 2770 "$folder"

conf="$prefix/etc/xinfang.conf"
if [ -f "$conf" ]; then
    echo "kept $conf"
else
    cat > "$conf" <<CONF
# xinfang office installation (docs/install.md). Owned by root, writable by no one else.
# folder: where the log, its snapshot, damage note and quarantine files live (2770 root:xinfang).
# data:   the reference data (organs, articles, calendars).
folder = $folder
data = $prefix/share/xinfang/data
CONF
    chown root:root "$conf"
    chmod 0644 "$conf"
fi
echo "installed $prefix/bin/xinfang (2755 root:xinfang); office folder $folder (2770 root:xinfang)"
echo "next, as root: $prefix/bin/xinfang init; then enrol each clerk: $prefix/bin/xinfang staff add ACCOUNT --name NAME --role clerk --organ ORGAN"
