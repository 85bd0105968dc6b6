#!/usr/bin/env bash
# Set up everything `make run` and `make test` need on a fresh Debian machine:
# the system libraries Qt 6 and OpenGL load under Xvfb, then a .venv with the project.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
# On this project's machines pip finds a CPU build of torch 2.13.0 on local disk (~0.9 GB
# installed); elsewhere this pin resolves on PyPI, whose Linux build bundles CUDA (~5 GB).
# For a CPU-only install elsewhere: TORCH_SPEC='torch>=2.6 --index-url https://download.pytorch.org/whl/cpu'.
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}

# Debian packages: Xvfb, Mesa's software OpenGL, the xcb libraries Qt's xcb plugin loads
# (its error message names only xcb-cursor even when icccm or keysyms is what is missing),
# fontconfig and a CJK font so Chinese renders as characters.
APT_PACKAGES="xvfb xauth libgl1 libgl1-mesa-dri libegl1 libglx-mesa0 libfontconfig1 libdbus-1-3
libxkbcommon0 libxkbcommon-x11-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0
libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxcb-render0 libxcb-glx0 libxcb-util1 libx11-xcb1 libglib2.0-0
fonts-noto-cjk"

# Debian's own python3 needs python3-venv for `python3 -m venv` (pyenv and python.org builds have it).
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  APT_PACKAGES="$APT_PACKAGES python3-venv"
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: these system packages are missing; install them with:"
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
fi

# pip repeats a warning for every local index folder a package is absent from; hide only that.
quiet() { grep -v "^WARNING: Location" || true; }

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  echo "bootstrap: installing $TORCH_SPEC"
  # shellcheck disable=SC2086  # TORCH_SPEC may carry pip options
  "$VENV/bin/python" -m pip install -q $TORCH_SPEC 2>&1 | quiet
fi
echo "bootstrap: installing the project and its test tools"
"$VENV/bin/python" -m pip install -q -e ".[test,video]" 2>&1 | quiet
