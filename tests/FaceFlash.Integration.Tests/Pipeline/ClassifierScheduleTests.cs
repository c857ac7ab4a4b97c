using FaceFlash.Pipeline.Stages;

namespace FaceFlash.Integration.Tests.Pipeline;

public sealed class ClassifierScheduleTests
{
    [Fact]
    public void ItLooksOnEveryMovingFrameAndEvery200MsAtRest()
    {
        var schedule = new ClassifierSchedule();
        var looked = new List<double>();
        for (var t = 0.0; t <= 1000; t += 10) // 100 fps; the face moves from 500 to 600 ms
            if (schedule.Due(t, moving: t is >= 500 and <= 600)) looked.Add(t);
        Assert.Equal([0, 200, 400, 500, 510, 520, 530, 540, 550, 560, 570, 580, 590, 600, 800, 1000], looked);
    }
}
