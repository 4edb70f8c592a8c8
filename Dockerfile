# specver in a container: a static (musl) binary in a small Debian image with git, which
# `check`, `--base`, `log` and `REV:path` sources run; as a non-root user.
#
#   docker build -t specver .
#   docker run --rm -v "$PWD:/work" specver check openapi.yaml --format markdown
#
# The build stage needs crates.io; the image needs no network at run time.

FROM rust:1-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# rust-toolchain.toml pins the toolchain: the musl target goes to that one, not to the
# image's default (which would leave the build without `core` for musl).
COPY rust-toolchain.toml .
RUN rustup toolchain install \
 && rustup target add x86_64-unknown-linux-musl
COPY . .
RUN cargo build --release --locked --target x86_64-unknown-linux-musl \
 && strip target/x86_64-unknown-linux-musl/release/specver

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 specver \
 && git config --system --add safe.directory '*'
COPY --from=build /src/target/x86_64-unknown-linux-musl/release/specver /usr/local/bin/specver
USER specver
WORKDIR /work
ENTRYPOINT ["specver"]
CMD ["--help"]
