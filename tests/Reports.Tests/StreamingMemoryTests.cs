using Audit.Reports.Models;
using Audit.Reports.Xlsx;

namespace Audit.Reports.Tests;

public class StreamingMemoryTests
{
    [Fact]
    public void Workbook_ManyRows_KeepsMemoryFlat()
    {
        // Live heap is sampled while the writer pulls rows: if rows or sheet XML were buffered, the heap
        // at row 150,000 would be far above the heap at row 20,000. The small sheets are built with ClosedXML
        // first; this guards that the big ones are streamed into the package rather than written through the
        // SDK's package API, which keeps a part it writes in memory until the package is saved.
        long early = 0;
        long late = 0;
        IEnumerable<LineagePathRow> Rows()
        {
            for (var i = 0; i < 150_000; i++)
            {
                if (i == 20_000)
                {
                    early = GC.GetTotalMemory(forceFullCollection: true);
                }

                if (i == 149_999)
                {
                    late = GC.GetTotalMemory(forceFullCollection: true);
                }

                yield return new LineagePathRow("raw-capture/securewatch", "atlas-train", "training_dataset", true,
                    $"raw-capture -> ir-store -> etl_copy_sec_to_train (copy) -> atlas-train #{i}", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i));
            }
        }

        var report = Samples.Monthly(findingCount: 3, bigRows: 0) with { LineagePaths = Rows() };
        MonthlyWorkbookWriter.Write(report, Stream.Null);

        Assert.True(late - early < 16 * 1024 * 1024, $"heap grew by {(late - early) / 1024 / 1024} MB while streaming");
    }
}
