namespace Store.Integration.Tests.Messaging;

/// <summary>Tests that stop or kill parts of the running system: they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisruptiveTests
{
    public const string Name = "Disruptive";
}
