using System.Globalization;

namespace Store.AppHost.Operations;

/// <summary>The range a replay or a rebuild acts on, as the dashboard asks for it: two instants, from inclusive, to exclusive.</summary>
internal static class TimeRangeArguments
{
    public const string From = "from";
    public const string To = "to";

    public static IReadOnlyList<InteractionInput> Create(string what) =>
    [
        new() { Name = From, Label = "From (UTC)", InputType = InputType.Text, Required = true, Placeholder = "2026-12-01T10:00:00Z", Description = $"The first instant of the {what}, ISO 8601." },
        new() { Name = To, Label = "To (UTC)", InputType = InputType.Text, Required = true, Placeholder = "2026-12-01T11:00:00Z", Description = $"The end of the {what}, excluded, ISO 8601." },
    ];

    /// <summary>Refuses what is not an instant before the service is asked; whether the range makes sense is the service's call.</summary>
    public static Task ValidateAsync(InputsDialogValidationContext context)
    {
        foreach (var input in context.Inputs.Where(input => input.Name is From or To))
        {
            if (!TryParse(input.Value, out _))
            {
                context.AddValidationError(input, "An instant such as 2026-12-01T10:00:00Z.");
            }
        }

        return Task.CompletedTask;
    }

    public static (DateTimeOffset From, DateTimeOffset To) Read(InteractionInputCollection arguments) =>
        TryParse(arguments.TryGetByName(From, out var start) ? start.Value : null, out var from)
        && TryParse(arguments.TryGetByName(To, out var end) ? end.Value : null, out var to)
            ? (from, to)
            : throw new AdminApiException("From and to are instants such as 2026-12-01T10:00:00Z.");

    private static bool TryParse(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
