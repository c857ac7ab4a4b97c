using System.Text.RegularExpressions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

public sealed class NotReportedReasonsTests
{
    /// <summary>
    /// The reasons are written into unreported.csv, the summary's counts, eval's misses and ELAN tiers, and read back by
    /// R and Python scripts: each is its identifier in snake case, and no two alike.
    /// </summary>
    [Fact]
    public void EachReasonIsWrittenAsItsNameInSnakeCase()
    {
        Assert.Equal(Enum.GetValues<NotReportedReason>(), NotReportedReasons.All);
        foreach (var reason in NotReportedReasons.All)
            Assert.Equal(Regex.Replace(reason.ToString(), "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant(), reason.Name());
        Assert.Equal(NotReportedReasons.All.Length, NotReportedReasons.All.Select(r => r.Name()).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((NotReportedReason)99).Name());
    }
}
