# The hub as a container: the README's Run command, with the data dir on a volume.
#   docker build -t safework-hub .
#   docker run --restart=unless-stopped -p 61616:61616 -p 2222:2222 -p 8080:8080 -v safework-data:/data safework-hub
# --restart matters: with -XX:+ExitOnOutOfMemoryError a hub out of memory exits instead of running half-alive,
# and the supervisor (here Docker) starts a clean process. Health: GET /observe/health/live and /observe/health/ready.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /hub
COPY --from=build /src/hub/target/safework-hub.jar /hub/safework-hub.jar
COPY --from=build /src/config /hub/config
VOLUME /data
EXPOSE 61616 2222 8080
ENV HUB_DATA_DIR=/data HUB_CONFIG_DIR=/hub/config
# Same flags as the README's Run command; the heap limit is the operator's choice (-Xmx or -XX:MaxRAMPercentage).
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/hub/safework-hub.jar"]
