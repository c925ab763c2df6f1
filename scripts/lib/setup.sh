# Shared by scripts/test, scripts/demo and scripts/bench: make sure the system
# packages the build needs are installed, then build. Source it; do not run it.

EID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export EID_ROOT

log() { printf '==> %s\n' "$*" >&2; }

# apt packages the project needs at build and test time.
EID_APT_PACKAGES=(libsqlite3-dev libssl-dev openssl sqlite3 curl pkg-config python3 python3-pip)

ensure_packages() {
    local missing=()
    local pkg
    for pkg in "${EID_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    # python3/pip may come from elsewhere (pyenv); only require them from apt when absent.
    if command -v python3 >/dev/null 2>&1; then
        missing=("${missing[@]/python3}")
        missing=("${missing[@]/python3-pip}")
    fi
    local wanted=()
    for pkg in "${missing[@]}"; do [ -n "$pkg" ] && wanted+=("$pkg"); done
    if [ ${#wanted[@]} -gt 0 ]; then
        log "installing ${wanted[*]}"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
    fi
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH="/opt/swift/usr/bin:$PATH"
        else
            log "swift is not installed: this project needs Swift 6 (https://www.swift.org/install/linux/)"
            exit 1
        fi
    fi
}

# Python packages used by test-side tools (independent implementations).
# pyeer: independent EER computation checked against `eid bio eval` (Tests/Tools/pyeer_eer.py).
EID_PIP_PACKAGES=(pyeer)

ensure_python_packages() {
    [ ${#EID_PIP_PACKAGES[@]} -eq 0 ] && return 0
    local missing=()
    local pkg
    for pkg in "${EID_PIP_PACKAGES[@]}"; do
        python3 -c "import ${pkg%%=*}" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "pip installing ${missing[*]}"
        python3 -m pip install -q "${missing[@]}" || log "warning: pip install failed; tests that need ${missing[*]} will say so"
    fi
}

build_eid() {
    local config="${1:-debug}"
    log "building eid ($config)"
    (cd "$EID_ROOT" && swift build -c "$config" --product eid 2>&1 | grep -v '^\[' >&2) || true
    local bin
    bin="$(cd "$EID_ROOT" && swift build -c "$config" --show-bin-path)/eid"
    [ -x "$bin" ] || { log "build failed"; exit 1; }
    EID_BIN="$bin"
    export EID_BIN
}
