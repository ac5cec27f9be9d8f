using Aspire.Hosting.ApplicationModel;

namespace Store.Hosting.Aws.Identity;

/// <summary>A group the user pool is created with.</summary>
public sealed record CognitoUserGroupAnnotation(string Name) : IResourceAnnotation;
