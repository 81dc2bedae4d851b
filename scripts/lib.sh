# Shared by the scripts in this folder: package check, build, private PostgreSQL.
# Sourced, not run.

YB_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
YB_PG_BIN=${YB_PG_BIN:-/usr/lib/postgresql/15/bin}

# Everything the build, the tests and the demo need on Debian 12.
YB_PACKAGES=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsoup-3.0-dev libpq-dev libsodium-dev
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev libpango1.0-dev libcairo2-dev libpoppler-glib-dev
  postgresql-15 postgresql-contrib
  fonts-noto-cjk poppler-utils
  xvfb xauth dbus dbus-x11 imagemagick x11-utils xdotool
  desktop-file-utils appstream appstream-util
  curl
)

yb_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
yb_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

yb_missing_packages() {
  local p missing=()
  for p in "${YB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  printf '%s\n' "${missing[@]}"
}

# Installs what is missing when root; otherwise says exactly what to run and stops.
yb_ensure_packages() {
  local missing
  mapfile -t missing < <(yb_missing_packages)
  [ ${#missing[@]} -eq 0 ] || [ -z "${missing[0]}" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Run as root, then run this again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  yb_say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || yb_die "apt-get update failed"
  apt-get install -y -q --no-install-recommends "${missing[@]}" || yb_die "apt-get install failed"
}

# PostgreSQL refuses to run as root; when we are root it runs as this user.
YB_PG_USER=${YB_PG_USER:-yibao}
yb_ensure_pg_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$YB_PG_USER" >/dev/null 2>&1 && return 0
  yb_say "Creating the unprivileged system user '$YB_PG_USER' to run PostgreSQL"
  useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin "$YB_PG_USER" \
    || yb_die "could not create user $YB_PG_USER"
}
export YB_PG_USER

yb_build() {
  local builddir=$1; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    yb_say "Configuring $builddir"
    meson setup "$builddir" "$YB_TOP" "$@" || yb_die "meson setup failed"
  fi
  yb_say "Building"
  ninja -C "$builddir" || yb_die "build failed"
}
