namespace Store.Data;

/// <summary>Doubling pauses: <c>first</c>, twice that, four times… never more than <c>max</c>.</summary>
public static class Backoff
{
    public static TimeSpan For(int failures, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var delay = first * Math.Pow(2, exponent);
        return delay < max ? delay : max;
    }
}
