using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure.Postgres;

public static class PostgresServerBuilderExtensions
{
    /// <summary>
    /// Adds a password-protected PostgreSQL server: Aspire's Postgres container, or the locally installed
    /// server binaries as a process, as <c>Infrastructure:Mode</c> decides.
    /// </summary>
    public static PostgresServerBuilder AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var infrastructure = InfrastructureContext.Of(builder);
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");

        if (infrastructure.Plan.Mode == InfrastructureMode.Containers)
        {
            var container = builder.AddPostgres(name, password: builder.CreateResourceBuilder(password));
            infrastructure.ReportProblemOn(container.Resource);
            return new PostgresServerBuilder(container);
        }

        var binFolder = ExecutableSearch.FindPostgresBinFolder();
        var launcher = PostgresLauncher.WriteInto(infrastructure.DataFolder.Path);
        var server = new PostgresServerProcessResource(name, launcher, infrastructure.DataFolder.For(name), password);

        if (binFolder is null)
        {
            infrastructure.ReportMissingBinary(server,
                $"PostgreSQL server binaries (postgres, initdb) were not found on PATH or under {ExecutableSearch.DebianPostgresRoot}/*/bin. " +
                $"Install them (Debian/Ubuntu: sudo apt-get install postgresql), or run the AppHost with {InfrastructurePlanner.ModeSetting}=containers.");
        }
        else
        {
            InitializeClusterEarly(builder, server, binFolder);
        }

        DatabaseLifecycle.FollowServer(builder, server);

        return new PostgresServerBuilder(builder.AddResource(server)
            .WithEndpoint(name: PostgresServerProcessResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(server.Launcher);
                context.Args.Add(binFolder ?? "");
                context.Args.Add(server.DataFolder);
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("DatabaseMultiple")
            .WithConnectionHealthCheck((checks, key, connectionString) =>
                checks.AddNpgSql(services => connectionString(services) + ";Database=postgres", name: key))
            .ExcludeFromManifest());
    }

    /// <summary>Runs initdb from the moment the AppHost starts; the server's start waits for it.</summary>
    private static void InitializeClusterEarly(IDistributedApplicationBuilder builder, PostgresServerProcessResource server, string binFolder)
    {
        Task? initialization = null;
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            initialization = Task.Run(async () =>
            {
                var password = await server.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
                await PostgresCluster.InitializeAsync(binFolder, server.DataFolder, password, log, cancellationToken).ConfigureAwait(false);
            }, cancellationToken);
            return Task.CompletedTask;
        });

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (_, cancellationToken) =>
            initialization?.WaitAsync(cancellationToken) ?? Task.CompletedTask);
    }

    /// <summary>Adds a database to a server made by <see cref="AddPostgresServer"/>, created before its dependents start.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this PostgresServerBuilder server, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        IResourceBuilder<IResourceWithConnectionString>? database = null;
        server
            .InContainer(container => database = container.AddDatabase(name, databaseName).AsConnectionStringResource())
            .AsProcess(process => database = AddProcessDatabase(process, name, databaseName ?? name));
        return database!;
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddProcessDatabase(
        IResourceBuilder<PostgresServerProcessResource> server, string name, string databaseName)
    {
        var database = new PostgresDatabaseProcessResource(name, databaseName, server.Resource);
        server.Resource.AddDatabase(database.Name, database.DatabaseName);
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, server.Resource.Name)],
            })
            .WithIconName("Database")
            .WithConnectionHealthCheck((checks, key, connectionString) => checks.AddNpgSql(connectionString, name: key))
            .ExcludeFromManifest()
            .AsConnectionStringResource();
    }
}
