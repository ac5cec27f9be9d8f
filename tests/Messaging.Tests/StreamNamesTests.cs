namespace Store.Messaging.Tests;

public sealed class StreamNamesTests
{
    [Theory]
    [InlineData("events:ordering")]
    [InlineData("events:redrive:analytics")]
    public void Dead_letters_of_bus_streams_are_redriven_to_the_groups_bus_redrive_stream(string stream)
        => Assert.Equal("events:redrive:analytics", StreamNames.Redrive("analytics", stream));

    [Fact]
    public void Dead_letters_of_a_stream_outside_the_bus_are_redriven_to_a_redrive_stream_of_that_stream_and_group()
        => Assert.Equal("clickstream:redrive:analytics", StreamNames.Redrive("analytics", "clickstream"));

    [Fact]
    public void A_dead_letter_that_failed_again_on_a_redrive_stream_goes_back_to_that_stream()
        => Assert.Equal("clickstream:redrive:analytics", StreamNames.Redrive("analytics", "clickstream:redrive:analytics"));

    [Fact]
    public void The_redrive_streams_of_a_group_are_kept_apart_from_another_groups()
        => Assert.Equal("clickstream:redrive:reports:redrive:analytics", StreamNames.Redrive("analytics", "clickstream:redrive:reports"));

    [Fact]
    public void A_group_keeps_the_bus_redrive_stream_and_one_per_stream_it_reads_outside_the_bus_trimmed()
    {
        var registry = new MessagingRegistry("analytics");
        registry.AddStreamOutsideTheBus("clickstream");

        Assert.Equal(["events:redrive:analytics", "clickstream:redrive:analytics"], registry.RedriveStreams);
    }
}
