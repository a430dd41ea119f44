#!/usr/bin/env bash
# Renders docs/diagram.dot to diagram.png at the repository root. Needs Graphviz (apt-get install graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "Graphviz is missing: apt-get install graphviz" >&2; exit 1; }
dot -Tpng -Gdpi=110 docs/diagram.dot -o diagram.png
echo "wrote diagram.png"
