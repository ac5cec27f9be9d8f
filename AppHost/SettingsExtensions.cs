using Microsoft.Extensions.Configuration;

namespace Store.AppHost;

internal static class SettingsExtensions
{
    /// <summary>
    /// Hands a service the AppHost's configuration section <paramref name="section"/>, if any, as environment
    /// variables, so settings that concern the whole system are kept in one place (tests change them this way).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSettings(this IResourceBuilder<ProjectResource> service, string section)
    {
        foreach (var (key, value) in service.ApplicationBuilder.Configuration.GetSection(section).AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                service.WithEnvironment($"{section}__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        return service;
    }
}
