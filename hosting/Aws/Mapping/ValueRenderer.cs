using System.Globalization;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.Mapping;

/// <summary>Renders any app-model value — string, parameter, endpoint, connection string, expression — for the stack.</summary>
internal sealed class ValueRenderer(ICloudTargets targets)
{
    public CloudValue Render(object value) => value switch
    {
        string text => CloudValue.Literal(text),
        ParameterResource parameter => targets.Parameter(parameter),
        CognitoUserPoolOutput output => targets.UserPool(output),
        EndpointReference endpoint => targets.Endpoint(endpoint, EndpointProperty.Url),
        EndpointReferenceExpression expression => targets.Endpoint(expression.Endpoint, expression.Property),
        ConnectionStringReference reference => Render(reference.Resource),
        IResourceWithConnectionString resource => targets.ConnectionString(resource, RenderExpression) ?? RenderExpression(resource.ConnectionStringExpression),
        ReferenceExpression expression => RenderExpression(expression),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} has no AWS rendering."),
    };

    private CloudValue RenderExpression(ReferenceExpression expression)
    {
        var parts = new List<CloudValue>();
        var literal = new StringBuilder();
        var format = expression.Format;

        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i);
            var placeholder = format[(i + 1)..end].Split(':', 2);
            var rendered = Render(expression.ValueProviders[int.Parse(placeholder[0], CultureInfo.InvariantCulture)]);
            if (placeholder.Length == 2 && placeholder[1] == "uri" && rendered.References.Count == 0 && !rendered.IsSecret)
            {
                rendered = CloudValue.Literal(Uri.EscapeDataString(rendered.Text));
            }

            parts.Add(CloudValue.Literal(literal.ToString()));
            literal.Clear();
            parts.Add(rendered);
            i = end;
        }

        parts.Add(CloudValue.Literal(literal.ToString()));
        return CloudValue.Concat(parts);
    }
}
