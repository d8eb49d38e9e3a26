#!/usr/bin/env bash
# The OpenFisca peer's virtual environment under bench/.venv (idempotent).
set -euo pipefail
cd "$(dirname "$0")"
OPENFISCA_CORE_VERSION="46.0.1"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if ! .venv/bin/python -c "import importlib.metadata as m; assert m.version('openfisca-core') == '$OPENFISCA_CORE_VERSION'" 2>/dev/null; then
    .venv/bin/pip install --quiet "openfisca-core==$OPENFISCA_CORE_VERSION"
fi
