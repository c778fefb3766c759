#!/usr/bin/env bash
# Builds the Neo4j test launcher: compiles target/classes and copies Neo4j's runtime jars to
# target/lib, all from Maven Central (downloads cached in ~/.m2). Idempotent: when pom.xml and
# the launcher source are unchanged since the last good build it returns at once.
set -euo pipefail
cd "$(dirname "$0")"

command -v java >/dev/null || { echo "error: java not found (the Neo4j test server needs Java 17+)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "error: mvn not found (the Neo4j test server is built with Maven)" >&2; exit 1; }

stamp=target/.prepared
inputs=$(cat pom.xml src/main/java/graphtest/*.java | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs" ] \
  && [ -f target/classes/graphtest/Neo4jLauncher.class ] && compgen -G 'target/lib/neo4j-5.*.jar' >/dev/null; then
  exit 0
fi

rm -f "$stamp"
# A changed Neo4j version must not leave the old jars next to the new ones.
rm -rf target/lib
mkdir -p target
echo "building the Neo4j test server (Maven; log in tests/neo4j_server/target/maven.log)"
if ! mvn -B -ntp -Dstyle.color=never package >target/maven.log 2>&1; then
  tail -n 60 target/maven.log >&2
  echo "error: the Maven build of the Neo4j test server failed" >&2
  exit 1
fi
compgen -G 'target/lib/neo4j-5.*.jar' >/dev/null || { echo "error: no Neo4j jar in target/lib" >&2; exit 1; }
echo "$inputs" >"$stamp"
