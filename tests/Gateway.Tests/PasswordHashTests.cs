using Store.Gateway.Identity;

namespace Store.Gateway.Tests;

public sealed class PasswordHashTests
{
    private static readonly string Stored = PasswordHash.Create("correct horse battery staple");

    [Fact]
    public void The_right_password_verifies() => Assert.True(PasswordHash.Verify("correct horse battery staple", Stored));

    [Fact]
    public void A_wrong_password_does_not() => Assert.False(PasswordHash.Verify("correct horse battery stapler", Stored));

    [Fact]
    public void The_same_password_hashes_differently_each_time() => Assert.NotEqual(Stored, PasswordHash.Create("correct horse battery staple"));

    [Fact]
    public void The_iteration_count_travels_with_the_hash() => Assert.StartsWith("pbkdf2-sha256.600000.", Stored, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("md5.1.c2FsdA==.aGFzaA==")]
    [InlineData("pbkdf2-sha256.0.c2FsdA==.aGFzaA==")]
    [InlineData("pbkdf2-sha256.-5.c2FsdA==.aGFzaA==")]
    public void A_stored_value_of_another_form_never_verifies(string stored) => Assert.False(PasswordHash.Verify("plain-text-password", stored));
}
