global using Xunit;

// One app and one browser per test class on a shared 2-core machine: classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
