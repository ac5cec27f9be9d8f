using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Infrastructure.Processes;

namespace Store.Hosting.Infrastructure;

/// <summary>
/// A server that runs as Aspire's container or as a local process, whichever this run chose. References, waits and
/// health see one resource with a connection string; <see cref="InContainer"/> and <see cref="AsProcess"/> reach the
/// typed resource of each mode, so each keeps what is its own — a container's lifetime, volumes and admin tools, a
/// process's data folder — and an option of one kind of server cannot be set on another.
/// </summary>
public abstract class ServerBuilder<TSelf, TContainer, TProcess> : IResourceBuilder<IResourceWithConnectionString>
    where TSelf : ServerBuilder<TSelf, TContainer, TProcess>
    where TContainer : ContainerResource, IResourceWithConnectionString
    where TProcess : ExecutableResource, IResourceWithConnectionString
{
    private readonly IResourceBuilder<TContainer>? container;
    private readonly IResourceBuilder<TProcess>? process;

    private protected ServerBuilder(IResourceBuilder<TContainer> container) => this.container = container;

    private protected ServerBuilder(IResourceBuilder<TProcess> process) => this.process = process;

    public IDistributedApplicationBuilder ApplicationBuilder => Server.ApplicationBuilder;

    public IResourceWithConnectionString Resource => Server.Resource;

    private IResourceBuilder<IResourceWithConnectionString> Server =>
        (IResourceBuilder<IResourceWithConnectionString>?)container ?? (IResourceBuilder<IResourceWithConnectionString>)process!;

    public IResourceBuilder<IResourceWithConnectionString> WithAnnotation<TAnnotation>(TAnnotation annotation, ResourceAnnotationMutationBehavior behavior = ResourceAnnotationMutationBehavior.Append)
        where TAnnotation : IResourceAnnotation
    {
        Server.WithAnnotation(annotation, behavior);
        return this;
    }

    /// <summary>Configures the container, when the server runs as one (always when publishing); otherwise does nothing.</summary>
    public TSelf InContainer(Action<IResourceBuilder<TContainer>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (container is not null)
        {
            configure(container);
        }

        return (TSelf)this;
    }

    /// <summary>Configures the local process, when the server runs as one; otherwise does nothing.</summary>
    public TSelf AsProcess(Action<IResourceBuilder<TProcess>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (process is not null)
        {
            configure(process);
        }

        return (TSelf)this;
    }

    /// <summary>
    /// Keeps the server's data from one run to the next: a data volume for the container, a data folder outside the
    /// run's own (which is removed when the run ends) for the process. For a developer's F5, not for tests that run
    /// side by side: two runs would share the data.
    /// </summary>
    public TSelf WithPersistentData()
    {
        InContainer(AddDataVolume);
        return AsProcess(server => KeepDataIn(server, PersistentDataFolder.For(ApplicationBuilder, server.Resource.Name)));
    }

    private protected abstract void AddDataVolume(IResourceBuilder<TContainer> server);

    private protected abstract void KeepDataIn(IResourceBuilder<TProcess> server, string folder);
}
