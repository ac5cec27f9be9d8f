using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;
using Store.Hosting.Aws.Mapping;

namespace Store.Hosting.Aws.Tests.Unit;

public sealed class ValueRendererTests
{
    private static readonly ContainerResource Database = WithEndpoint(new ContainerResource("db"));
    private static readonly ParameterResource Password = new("db-password", _ => "unused", secret: true);
    private static readonly ParameterResource Region = new("region", _ => "unused");

    private readonly ValueRenderer _renderer = new(new Targets());

    [Fact]
    public void An_expression_renders_its_literals_and_each_value_in_place()
    {
        var endpoint = Database.Annotations.OfType<EndpointAnnotation>().Single();
        var expression = ReferenceExpression.Create($"Host={new EndpointReference(Database, endpoint).Property(EndpointProperty.Host)};Region={Region};Password={Password}");

        var rendered = _renderer.Render(expression);

        Assert.Equal("Host=<db.Host>;Region=<param region>;Password=<secret db-password>", rendered.Text);
        Assert.True(rendered.IsSecret);
        Assert.Equal([Database], rendered.References);
    }

    [Fact]
    public void Without_a_secret_part_the_value_stays_plain()
    {
        var rendered = _renderer.Render(ReferenceExpression.Create($"{Region}-suffix"));

        Assert.Equal("<param region>-suffix", rendered.Text);
        Assert.False(rendered.IsSecret);
    }

    [Fact]
    public void Nested_expressions_and_connection_strings_render_through()
    {
        var inner = ReferenceExpression.Create($"inner:{Password}");
        var rendered = _renderer.Render(ReferenceExpression.Create($"outer[{inner}]"));

        Assert.Equal("outer[inner:<secret db-password>]", rendered.Text);
        Assert.True(rendered.IsSecret);
    }

    [Fact]
    public void A_value_with_no_AWS_rendering_is_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => _renderer.Render(new Uri("http://example")));
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    private static ContainerResource WithEndpoint(ContainerResource resource)
    {
        resource.Annotations.Add(new EndpointAnnotation(System.Net.Sockets.ProtocolType.Tcp, uriScheme: "tcp", name: "tcp"));
        return resource;
    }

    /// <summary>Stands in for the stack: names what each value would become.</summary>
    private sealed class Targets : ICloudTargets
    {
        public CloudValue Endpoint(EndpointReference endpoint, EndpointProperty property) => CloudValue.Of($"<{endpoint.Resource.Name}.{property}>", endpoint.Resource);

        public CloudValue Parameter(ParameterResource parameter) =>
            parameter.Secret ? new($"<secret {parameter.Name}>", true, new HashSet<IResource>()) : CloudValue.Literal($"<param {parameter.Name}>");

        public CloudValue UserPool(CognitoUserPoolOutput output) => CloudValue.Literal($"<pool {output.Resource.Name}.{output.Name}>");

        public CloudValue? ConnectionString(IResourceWithConnectionString resource, Func<ReferenceExpression, CloudValue> render) => null;
    }
}
