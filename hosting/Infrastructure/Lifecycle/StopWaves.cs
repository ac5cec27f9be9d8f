using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Infrastructure.Lifecycle;

/// <summary>
/// The order in which a run's resources stop: every resource after all that wait for it, reference it or live in it
/// (a database in its server), so a service still has its database, its bus and the dashboard while it drains, and
/// a server's data folder is only removed once the server has stopped.
/// </summary>
internal static class StopWaves
{
    /// <summary>Waves of resources that can stop together; a wave starts once the previous one has stopped.</summary>
    public static IReadOnlyList<IReadOnlyList<IResource>> Of(IEnumerable<IResource> resources)
    {
        var all = resources.ToList();
        var dependents = all.ToDictionary(resource => resource, _ => new List<IResource>());
        foreach (var resource in all)
        {
            foreach (var dependency in DependenciesOf(resource).Where(dependents.ContainsKey))
            {
                dependents[dependency].Add(resource);
            }
        }

        var depth = new Dictionary<IResource, int>();
        int DepthOf(IResource resource, HashSet<IResource> visiting)
        {
            if (depth.TryGetValue(resource, out var known))
            {
                return known;
            }

            // A cycle cannot start at all; should one be declared, its members stop together.
            var deepest = dependents[resource].Where(visiting.Add).Select(dependent => DepthOf(dependent, visiting) + 1).DefaultIfEmpty(0).Max();
            return depth[resource] = deepest;
        }

        foreach (var resource in all)
        {
            DepthOf(resource, [resource]);
        }

        return [.. all.GroupBy(resource => depth[resource]).OrderBy(wave => wave.Key).Select(wave => (IReadOnlyList<IResource>)[.. wave])];
    }

    private static IEnumerable<IResource> DependenciesOf(IResource resource)
    {
        var waits = resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource);
        var relations = resource.Annotations.OfType<ResourceRelationshipAnnotation>().Select(relation => relation.Resource);
        foreach (var dependency in waits.Concat(relations))
        {
            yield return dependency;
            if (dependency is IResourceWithParent child)
            {
                yield return child.Parent;
            }
        }

        if (resource is IResourceWithParent parented)
        {
            yield return parented.Parent;
        }
    }
}
