namespace Store.Gateway.Identity;

/// <summary>An OAuth-style token answer: send <see cref="AccessToken"/> as <c>Authorization: Bearer …</c>.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string UserName, string Role);
