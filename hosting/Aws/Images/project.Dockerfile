# Written by `aspire publish` (hosting/Aws): builds one project of the app model into a runtime image.
# The build context is the solution's folder, copied into the publish output without bin/obj/.git.
# The SDK named by the solution's global.json when it has one, so the build uses the SDK it was tested with.
ARG SDK_VERSION=10.0
# The SDK runs natively on the machine that builds (no emulation on an ARM laptop) and publishes for the image's
# architecture: the SDK takes Docker's TARGETARCH (amd64, arm64) as its -a.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${SDK_VERSION} AS build
ARG PROJECT
ARG TARGETARCH
WORKDIR /source
COPY . .
# The solution treats warnings as errors, and NuGet's audit reports a new security advisory as a warning (NU1900-
# NU1905): in a deploy build those stay warnings, printed in the build log, so an advisory published today does
# not stop a deploy. CI and local builds still fail on them, where someone can act.
RUN dotnet publish "$PROJECT" --configuration Release --output /app -a "$TARGETARCH" -p:UseAppHost=false \
    -p:WarningsNotAsErrors=NU1900%3BNU1901%3BNU1902%3BNU1903%3BNU1904%3BNU1905

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV ASPNETCORE_HTTP_PORTS=8080 \
    SERVICE_ASSEMBLY=${ASSEMBLY}.dll
WORKDIR /app
# The certificate authorities of every RDS region, fetched at each build (AWS adds new ones): the services verify the
# database's certificate against them (SSL Mode=VerifyFull; Root Certificate in their connection strings).
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
COPY --from=build /app .
COPY --chmod=755 aws-healthcheck.sh /usr/local/bin/healthcheck
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$SERVICE_ASSEMBLY\""]
