#!/bin/sh
# Prints the home of a JDK 21 or newer, preferring JAVA_HOME, then the `java` on PATH,
# then the usual install places (Debian's /usr/lib/jvm, SDKMAN, /opt). Exits 1 when none is found.
# Used by ./mvnw and ./run-local so that a fresh clone builds on machines whose default java is older.

java_major() { # $1 = java executable
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//' | head -n 1
}

is_jdk21() { # $1 = JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}

if [ -n "${JAVA_HOME-}" ] && is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if is_jdk21 "$home"; then echo "$home"; exit 0; fi
fi
best=""; best_v=0
for home in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /opt/java/* /opt/jdk* /usr/local/jdk*; do
  [ -d "$home" ] || continue
  if is_jdk21 "$home"; then
    v=$(java_major "$home/bin/java")
    if [ "$v" -gt "$best_v" ]; then best="$home"; best_v=$v; fi
  fi
done
[ -n "$best" ] && { echo "$best"; exit 0; }
exit 1
