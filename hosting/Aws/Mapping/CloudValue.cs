using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Mapping;

/// <summary>
/// An app-model value rendered for CloudFormation: text that may hold CDK tokens (attributes, parameters, secret
/// dynamic references), whether any part of it is secret, and which resources it points at.
/// </summary>
internal sealed record CloudValue(string Text, bool IsSecret, IReadOnlySet<IResource> References)
{
    public static CloudValue Literal(string text) => new(text, false, new HashSet<IResource>());

    public static CloudValue Of(string text, IResource reference, bool isSecret = false) => new(text, isSecret, new HashSet<IResource> { reference });

    public static CloudValue Concat(IEnumerable<CloudValue> parts)
    {
        var list = parts.ToList();
        return new(
            string.Concat(list.Select(part => part.Text)),
            list.Any(part => part.IsSecret),
            list.SelectMany(part => part.References).ToHashSet());
    }
}
