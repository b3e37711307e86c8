# The standalone Artemis of deploy/artemis.sh as a container (compose.yaml's "artemis-primary" and "artemis-backup"):
# the same distribution from Maven Central, config/broker/broker.xml, the hub's broker plugin jar and the users and
# roles the script writes, listening on all interfaces of the container. The instance (journal included) lives on the
# volume /var/lib/artemis. ARTEMIS_NODE=primary or backup (with ARTEMIS_PEER, ARTEMIS_ANNOUNCE_HOST and
# ARTEMIS_CLUSTER_PASSWORD) makes it a node of the replicated pair; unset, a single broker.
#   docker build -f deploy/artemis.Dockerfile -t safework-artemis .
#   docker run -e ARTEMIS_HUB_PASSWORD=... -p 61616:61616 -v artemis-data:/var/lib/artemis safework-artemis

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl connectors -am

FROM eclipse-temurin:17-jdk
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src/pom.xml /src/pom.xml
COPY --from=build /src/config /src/config
COPY --from=build /src/deploy /src/deploy
COPY --from=build /src/connectors/target /src/connectors/target
ENV ARTEMIS_WORK=/var/lib/artemis ARTEMIS_HOST=0.0.0.0 ARTEMIS_PORT=61616
# The distribution is fetched when the image is built; the instance is made on the first start (it needs the
# hub's password, ARTEMIS_HUB_PASSWORD, which is no part of the image).
RUN bash deploy/artemis.sh download
VOLUME /var/lib/artemis
EXPOSE 61616
ENTRYPOINT ["bash", "/src/deploy/artemis.sh", "run"]
