global using Xunit;

// The hosts in these tests share Hangfire's process-wide settings and one 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
