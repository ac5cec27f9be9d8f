# Written by `aspire publish` (hosting/Aws): builds one project of the app model into a runtime image.
# The build context is the solution's folder, copied into the publish output without bin/obj/.git.
# The SDK named by the solution's global.json when it has one, so the build uses the SDK it was tested with.
ARG SDK_VERSION=10.0
FROM mcr.microsoft.com/dotnet/sdk:${SDK_VERSION} AS build
ARG PROJECT
WORKDIR /source
COPY . .
RUN dotnet publish "$PROJECT" --configuration Release --output /app -p:UseAppHost=false

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
