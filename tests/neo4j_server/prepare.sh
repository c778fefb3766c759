#!/usr/bin/env bash
# Builds the Neo4j test launcher and copies its runtime jars to target/lib (Maven Central,
# cached in ~/.m2). Idempotent; takes a few seconds once the cache is warm.
set -euo pipefail
cd "$(dirname "$0")"
command -v java >/dev/null || { echo "java not found: the Neo4j tests need Java 17" >&2; exit 1; }
command -v mvn >/dev/null || { echo "mvn not found: the Neo4j tests need Maven" >&2; exit 1; }
mvn -B -q package -DskipTests
ls target/lib/neo4j-5.*.jar >/dev/null
