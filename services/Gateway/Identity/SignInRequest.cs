namespace Store.Gateway.Identity;

public sealed record SignInRequest(string? UserName, string? Password);
