#!/usr/bin/env bash
# Measures the picture pipeline (in process) and the API process under concurrent uploads, side by side with
# references from the same run. Prints a Markdown report; docs/benchmarks.md holds the latest one.
# Usage: benchmarks/run.sh [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/WebApi -v q -nologo >/dev/null
dotnet build -c Release benchmarks/PictureBenchmarks -v q -nologo >/dev/null
exec dotnet benchmarks/PictureBenchmarks/bin/Release/net10.0/CleanProfiles.PictureBenchmarks.dll \
  --api src/WebApi/bin/Release/net10.0/CleanProfiles.WebApi.dll "$@"
