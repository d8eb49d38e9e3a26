#!/usr/bin/env bash
# The OpenFisca peer's virtual environment under bench/.venv, with pinned versions (idempotent: does nothing
# when the pinned versions are already installed).
set -euo pipefail
cd "$(dirname "$0")"
OPENFISCA_CORE_VERSION="46.0.1"
NUMPY_VERSION="2.4.6"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python - "$OPENFISCA_CORE_VERSION" "$NUMPY_VERSION" 2>/dev/null <<'PY'
import importlib.metadata as m, sys
assert m.version("openfisca-core") == sys.argv[1] and m.version("numpy") == sys.argv[2]
PY
then
    .venv/bin/pip install --quiet --disable-pip-version-check \
        "openfisca-core==$OPENFISCA_CORE_VERSION" "numpy==$NUMPY_VERSION"
fi
