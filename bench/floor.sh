#!/usr/bin/env bash
# The framework's floor on this machine: the smallest Quarkus application on the service's platform version (one REST
# resource and health checks, nothing else), packaged and started by bin/freshguard exactly as the service is, timed
# the way bench/idle.sh times the service (launch to the first 200 from /q/health/live, RSS 10 s later). Whatever
# the service adds to start-up sits on top of this figure.
#   bash bench/floor.sh RUNS      JAVA_HOME picks the JDK
# The application is generated under bench/results/floor (not part of the service) and built offline when it can be.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RUNS=${1:-5}
PORT=18397
APP=$BENCH_DIR/results/floor
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
quarkus=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' "$ROOT/pom.xml")

rm -rf "$APP" && mkdir -p "$APP/src/main/java/floor" "$APP/src/main/resources"
cat > "$APP/pom.xml" << EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>floor</groupId><artifactId>floor</artifactId><version>1</version>
  <properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <dependencyManagement><dependencies><dependency><groupId>io.quarkus.platform</groupId><artifactId>quarkus-bom</artifactId>
    <version>$quarkus</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-smallrye-health</artifactId></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>io.quarkus.platform</groupId><artifactId>quarkus-maven-plugin</artifactId>
    <version>$quarkus</version><extensions>true</extensions><executions><execution><goals><goal>build</goal></goals></execution></executions>
  </plugin></plugins></build>
</project>
EOF
cat > "$APP/src/main/java/floor/Hello.java" << 'EOF'
package floor;

@jakarta.ws.rs.Path("/hello")
public class Hello {
    @jakarta.ws.rs.GET
    public String hello() {
        return "hello";
    }
}
EOF
# packaged as the service is: on JDK 17-24 with the AppCDS archive written at package time; on 25+ in the layout for
# an AOT cache (service/pom.xml, profile aot-cache), whose cache is recorded below from one start
if [ "$feature" -lt 25 ]; then
    echo "quarkus.package.jar.appcds.enabled=true" > "$APP/src/main/resources/application.properties"
else
    printf 'quarkus.package.jar.aot.enabled=true\nquarkus.package.jar.aot.type=AOT\n' > "$APP/src/main/resources/application.properties"
fi
"$ROOT/mvnw" -q -B -o -f "$APP/pom.xml" package -DskipTests || "$ROOT/mvnw" -q -B -f "$APP/pom.xml" package -DskipTests
QUARKUS_APP=$APP/target/quarkus-app

wait_live() {
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; do sleep 0.01; done
}
if [ "$feature" -ge 25 ]; then
    (cd "$QUARKUS_APP" && "$java" -XX:AOTCacheOutput=app.aot -XX:+UseSerialGC -Xms64m -XX:TieredStopAtLevel=1 \
        -Dquarkus.http.port=$PORT -jar quarkus-run.jar > "$APP/training.log" 2>&1) &
    wait_live
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/hello"
    kill "$(pgrep -f "AOTCacheOutput=app.aot.*-Dquarkus.http.port=$PORT")"
    wait
fi
for run in $(seq 1 "$RUNS"); do
    started=$(date +%s%N)
    FRESHGUARD_APP=$QUARKUS_APP "$ROOT/bin/freshguard" -Dquarkus.http.port=$PORT > "$APP/run.log" 2>&1 &
    pid=$!
    wait_live
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
    sleep 10
    echo "run $run: first answer $ready ms, RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status") MB"
    kill $pid
    wait $pid 2> /dev/null || true
done
