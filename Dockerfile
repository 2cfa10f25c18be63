# syntax=docker/dockerfile:1
# The image of one service, built from source with the repository root as context:
#   docker build --build-arg MODULE=gateway --build-arg PORT=8080 --build-arg MANAGEMENT_PORT=9080 -t edgepass/gateway .
# docker-compose.yml passes these for each service. Nothing needs to be built on the host first.

# The builder: Maven (the version .mvn/wrapper/maven-wrapper.properties pins) on a JDK.
FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /build
# The dependency layer: only the build files, so that it is downloaded again only when a pom changes.
# Maven reads every module of the root pom, so each module's pom is here.
COPY pom.xml ./
COPY edge-trust/pom.xml edge-trust/
COPY test-support/pom.xml test-support/
COPY web-client/pom.xml web-client/
COPY auth-service/pom.xml auth-service/
COPY gateway/pom.xml gateway/
COPY orders-service/pom.xml orders-service/
COPY profile-service/pom.xml profile-service/
COPY launcher/pom.xml launcher/
COPY deployment-checks/pom.xml deployment-checks/
COPY system-tests/pom.xml system-tests/
COPY bench/pom.xml bench/
ARG MODULE
ARG PORT
ARG MANAGEMENT_PORT
RUN test -n "$MODULE" && test -n "$PORT" && test -n "$MANAGEMENT_PORT" \
  || { echo "--build-arg MODULE, PORT and MANAGEMENT_PORT are required (docker-compose.yml passes them)" >&2; exit 1; }
RUN mvn -B -q -ntp -pl "$MODULE" -am dependency:go-offline
# The sources (.dockerignore keeps target/, .git and .env out), then the jar and its layers.
COPY . .
RUN mvn -B -q -ntp -pl "$MODULE" -am -DskipTests package \
  && java -Djarmode=tools -jar "$MODULE/target/$MODULE.jar" extract --layers --launcher --destination /layers

# The runtime: a JRE and the jar's layers, no build tool.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 edgepass \
  && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin edgepass
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ARG PORT
ARG MANAGEMENT_PORT
# The port the service's actuator listens on (Spring reads this variable), so the health check below
# asks the port the service really uses, even when the variable is overridden at run time.
ENV MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT}
EXPOSE ${PORT} ${MANAGEMENT_PORT}
# The JRE image is not guaranteed to carry curl or wget, but it has bash: /dev/tcp asks the readiness
# probe directly, with no extra package and no second JVM per check.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$MANAGEMENT_SERVER_PORT && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/1\\.[01] 200'"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
