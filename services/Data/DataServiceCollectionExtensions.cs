using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Store.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Migrates the service's database at start with the scripts embedded in <paramref name="assembly"/> under
    /// <paramref name="resourcePrefix"/>, after the scripts of shared libraries registered the same way.
    /// </summary>
    public static IServiceCollection AddDatabaseMigrations(this IServiceCollection services, Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        services.TryAddSingleton<DatabaseReadiness>();
        if (!services.Any(service => service.ImplementationType == typeof(DatabaseMigrator)))
        {
            // Registered first so that the schema exists before any other hosted service starts.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrator>());
        }

        services.AddSingleton(new MigrationScripts(assembly, resourcePrefix));
        return services;
    }

    /// <summary>Runs <typeparamref name="TSeed"/> after the migrations, in their transaction.</summary>
    public static IServiceCollection AddDatabaseSeed<TSeed>(this IServiceCollection services)
        where TSeed : class, IDatabaseSeed
        => services.AddSingleton<IDatabaseSeed, TSeed>();
}
