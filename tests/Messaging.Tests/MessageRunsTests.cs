using StackExchange.Redis;
using Store.Messaging.Consumers;

namespace Store.Messaging.Tests;

public sealed class MessageRunsTests
{
    [Fact]
    public void Entries_about_different_subjects_share_runs_up_to_the_limit()
    {
        var runs = MessageRuns.Of(Entries("a", "b", "c", "d", "e"), Subject, AnyKind, maxRunLength: 2);

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], Subjects(runs));
    }

    [Fact]
    public void A_subjects_later_entry_lands_in_a_later_run_than_its_earlier_one()
    {
        var runs = MessageRuns.Of(Entries("a", "a", "b", "a", "c"), Subject, AnyKind, maxRunLength: 8);

        Assert.Equal([["a", "b", "c"], ["a"], ["a"]], Subjects(runs));
    }

    [Fact]
    public void No_run_holds_two_entries_about_one_subject_and_every_entry_is_in_one_run()
    {
        var subjects = Enumerable.Range(0, 500).Select(i => $"order/{(i * 7919) % 37}").ToArray();

        var runs = MessageRuns.Of(Entries(subjects), Subject, AnyKind, maxRunLength: 8);

        Assert.All(runs, run => Assert.InRange(run.Count, 1, 8));
        Assert.All(runs, run => Assert.Equal(run.Count, run.Select(item => Subject(item.Stream, item.Entry)).Distinct().Count()));
        Assert.Equal(subjects.Length, runs.Sum(run => run.Count));
        // Each subject's entries appear in stream order across runs taken in order.
        var order = runs.SelectMany(run => run).ToList();
        foreach (var group in order.GroupBy(item => Subject(item.Stream, item.Entry)))
        {
            Assert.Equal(group.Select(item => long.Parse(item.Entry.Id.ToString().Split('-')[0])).Order(),
                group.Select(item => long.Parse(item.Entry.Id.ToString().Split('-')[0])));
        }
    }

    [Fact]
    public void Entries_share_a_run_only_with_entries_of_their_kind()
    {
        string[] kinds = ["reserve", "reserve", "commit", "reserve", "commit"];
        var entries = Entries("a", "b", "c", "d", "e");

        var runs = MessageRuns.Of(entries, Subject, (_, entry) => kinds[int.Parse(entry.Id.ToString().Split('-')[0]) - 1], maxRunLength: 8);

        Assert.Equal([["a", "b", "d"], ["c", "e"]], Subjects(runs));
    }

    [Fact]
    public void A_subjects_later_entry_of_another_kind_still_lands_in_a_later_run()
    {
        string[] kinds = ["commit", "reserve", "commit"];
        var entries = Entries("a", "b", "a");

        var runs = MessageRuns.Of(entries, Subject, (_, entry) => kinds[int.Parse(entry.Id.ToString().Split('-')[0]) - 1], maxRunLength: 8);

        Assert.Equal([["a"], ["b"], ["a"]], Subjects(runs));
    }

    private static string Subject(string stream, StreamEntry entry) => entry["subject"].ToString();

    private static string AnyKind(string stream, StreamEntry entry) => "";

    private static (string Stream, StreamEntry Entry)[] Entries(params string[] subjects) =>
        [.. subjects.Select((subject, i) => ("events:ordering", new StreamEntry($"{i + 1}-0", [new NameValueEntry("subject", subject)])))];

    private static List<List<string>> Subjects(List<List<(string Stream, StreamEntry Entry)>> runs) =>
        [.. runs.Select(run => run.Select(item => Subject(item.Stream, item.Entry)).ToList())];
}
