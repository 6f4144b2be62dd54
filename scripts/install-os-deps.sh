#!/usr/bin/env bash
# Installs the OS packages Quorum needs on Debian/Ubuntu: MariaDB + Galera (for the lab in lab/, the
# tests, benchmarks and `npm run demo`) and rsync (Galera's state transfer).
#
#   sudo scripts/install-os-deps.sh [--for-tests]
#
# --for-tests (also accepted as --with-browser) adds what only the tests need: chromium for the
# portal's browser tests, and shellcheck, sudo (visudo) and systemd (systemd-analyze) with which
# the agent's package test checks its maintainer scripts, sudoers example and unit.
#
# Idempotent: exits at once when everything is installed. It never starts or stops the system
# MariaDB: while apt runs, a policy-rc.d that denies service starts is in place (Debian's
# mariadb-server would otherwise start mariadbd on 127.0.0.1:3306 on a systemd host), and any
# policy-rc.d that was there before is put back afterwards. The lab runs its own mariadbd processes
# on 127.0.0.11+ and never uses the system instance.
# Not root: prints what is missing and the command to run, exits 1 (0 if nothing is missing).
set -euo pipefail

packages=(mariadb-server galera-4 rsync)
for arg in "$@"; do
  case $arg in
    --for-tests | --with-browser) packages+=(chromium shellcheck sudo systemd) ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "install-os-deps: unknown argument '$arg' (only --for-tests)" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-os-deps: this script needs a Debian/Ubuntu system (dpkg + apt-get). Install by hand: ${packages[*]}" >&2
  exit 1
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for pkg in "${packages[@]}"; do installed "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]} == 0)); then
  echo "install-os-deps: already installed: ${packages[*]}"
  exit 0
fi

if ((EUID != 0)); then
  echo "install-os-deps: missing packages: ${missing[*]}" >&2
  echo "run: sudo $0 $*" >&2
  exit 1
fi

# Deny service starts for the duration of apt (invoke-rc.d and deb-systemd-invoke both ask it).
policy=/usr/sbin/policy-rc.d
backup=""
if [[ -e $policy ]]; then
  backup=$(mktemp /usr/sbin/policy-rc.d.quorum-backup.XXXXXX)
  cp -p "$policy" "$backup"
fi
restore_policy() {
  if [[ -n $backup ]]; then mv -f "$backup" "$policy"; else rm -f "$policy"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# temporary, from Quorum scripts/install-os-deps.sh: no service starts while installing\nexit 101\n' >"$policy"
chmod 755 "$policy"

export DEBIAN_FRONTEND=noninteractive
echo "install-os-deps: installing ${missing[*]}"
apt-get update
apt-get install -y "${missing[@]}"

for pkg in "${packages[@]}"; do
  installed "$pkg" || { echo "install-os-deps: $pkg is still not installed" >&2; exit 1; }
done
echo "install-os-deps: done (${packages[*]} installed; no service was started)"
