using Aspire.Hosting.ApplicationModel;
using Store.Hosting.Aws.Identity;

namespace Store.Hosting.Aws.Mapping;

/// <summary>What the synthesized stack offers in place of the app model's endpoints, parameters and connection strings.</summary>
internal interface ICloudTargets
{
    CloudValue Endpoint(EndpointReference endpoint, EndpointProperty property);

    CloudValue Parameter(ParameterResource parameter);

    CloudValue UserPool(CognitoUserPoolOutput output);

    /// <summary>A store's own connection string when the AWS service needs more than the app model's (TLS), else null.</summary>
    CloudValue? ConnectionString(IResourceWithConnectionString resource, Func<ReferenceExpression, CloudValue> render);
}
