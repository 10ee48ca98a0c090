#!/usr/bin/env bash
# Measures the browser app in Debian's Chromium against a Release build of the API on loopback: JavaScript of the first
# screen, image bytes of a community page of 24 (first visit and reload, against the originals), and the time from
# navigation to the grid's last thumbnail decoded. Prints a Markdown table; docs/benchmarks.md holds the latest one.
# Usage: benchmarks/webapp.sh [--runs N]      (10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/WebApi -v q -nologo >/dev/null
dotnet build -c Release benchmarks/WebAppBenchmarks -v q -nologo >/dev/null
exec dotnet benchmarks/WebAppBenchmarks/bin/Release/net10.0/CleanProfiles.WebAppBenchmarks.dll \
  --api src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll --dist src/WebApp/dist "$@"
