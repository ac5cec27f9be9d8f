namespace Store.Analytics.Ingest;

/// <summary>How many events of the batch were appended to the stream.</summary>
public sealed record IngestReceipt(int Accepted);
