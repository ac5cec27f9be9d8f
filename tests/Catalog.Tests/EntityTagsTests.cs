using Microsoft.AspNetCore.Http;
using Store.Catalog.Products;

namespace Store.Catalog.Tests;

public sealed class EntityTagsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("\"7\"", 7)]
    [InlineData("W/\"7\"", -1)]
    [InlineData("\"7\", \"8\"", -1)]
    [InlineData("\"seven\"", -1)]
    [InlineData("7", -1)]
    public void If_Match_names_the_version_a_write_expects(string? header, int? expected)
    {
        var request = new DefaultHttpContext().Request;
        if (header is not null)
        {
            request.Headers.IfMatch = header;
        }

        Assert.Equal(expected, EntityTags.ExpectedVersion(request));
    }

    [Theory]
    [InlineData("\"3\"", true)]
    [InlineData("W/\"3\"", true)]
    [InlineData("\"2\", \"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"4\"", false)]
    [InlineData("garbage", false)]
    public void If_None_Match_is_current_when_it_names_the_version(string header, bool current)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.IfNoneMatch = header;

        Assert.Equal(current, EntityTags.IsCurrent(request, 3));
    }

    [Fact]
    public void The_ETag_is_the_quoted_version() => Assert.Equal("\"12\"", EntityTags.For(12));
}
