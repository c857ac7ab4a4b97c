using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Tests.Output;

public sealed class FramesCsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-csv-").FullName;
    private string Path => System.IO.Path.Combine(_dir, "clip.frames.csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FaceObservation Face(int id)
    {
        var face = new FaceObservation { FaceId = id, Success = true, Confidence = 0.987654f, Pose = new HeadPose(1.25f, -2, 400, 0.1f, -0.2f, 0.05f) };
        for (var i = 0; i < face.Landmarks.Length; i++) face.Landmarks[i] = new Vector3(i + 0.5f, 2 * i, -i / 4f);
        face.RightIris = new Vector2(float.NaN);
        face.LeftIris = new Vector2(float.NaN);
        return face;
    }

    [Fact]
    public void HeaderUsesOpenFaceNamesAndRowsHaveAsManyFields()
    {
        var frame = new FrameAnalysis { Envelope = new FrameEnvelope(9, 360.5, 0) };
        frame.Faces.Add(Face(3));
        using (var writer = new FramesCsvWriter(Path))
        {
            writer.Write(frame);
            writer.Write(new FrameAnalysis { Envelope = new FrameEnvelope(10, 400, 0) });
            writer.Commit();
        }
        var lines = File.ReadAllLines(Path);
        var header = lines[0].Split(',');
        Assert.Equal(["frame", "face_id", "timestamp", "confidence", "success", "pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz",
            "face_x", "face_y", "face_width", "face_height", "mp_x_0"], header[..16]);
        Assert.Contains("mp_x_467", header);
        Assert.DoesNotContain("x_0", header); // OpenFace's name for iBUG-68 point 0
        Assert.Contains("mp_z_467", header);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal(header.Length, l.Split(',').Length));

        var row = lines[1].Split(',');
        Assert.Equal("10", row[0]); // 1-based like OpenFace
        Assert.Equal("3", row[1]);
        Assert.Equal("0.3605", row[2]); // seconds
        Assert.Equal("0.988", row[3]);
        Assert.Equal("1", row[4]);
        Assert.Equal("1.3", row[5]);
        Assert.Equal("400.5", row[Array.IndexOf(header, "mp_x_400")]);
        Assert.Equal(["0.5", "0", "467", "934"], row[11..15]); // the landmarks' bounding box
        Assert.Equal("-116.75", row[Array.IndexOf(header, "mp_z_467")]);
        Assert.Equal("", row[Array.IndexOf(header, "iris_left_x")]); // NaN is written empty

        var empty = lines[2].Split(',');
        Assert.Equal(["11", "-1", "0.4", "0", "0"], empty[..5]);
        Assert.All(empty[5..], f => Assert.Equal("", f));
    }

    [Theory]
    [InlineData(LandmarkColumns.Xy, 2)]
    [InlineData(LandmarkColumns.None, 0)]
    public void FewerLandmarkColumnsLeaveTheRestAsTheyAre(LandmarkColumns landmarks, int axes)
    {
        var frame = new FrameAnalysis { Envelope = new FrameEnvelope(9, 360.5, 0) };
        frame.Faces.Add(Face(3));
        using (var writer = new FramesCsvWriter(Path, landmarks, [new ActionUnitColumns()]))
        {
            writer.Write(frame);
            writer.Write(new FrameAnalysis { Envelope = new FrameEnvelope(10, 400, 0) });
            writer.Commit();
        }
        var lines = File.ReadAllLines(Path);
        var header = lines[0].Split(',');
        Assert.Equal(axes * FaceMeshTopology.PointCount, header.Count(h => h.StartsWith("mp_", StringComparison.Ordinal)));
        Assert.DoesNotContain("mp_z_0", header);
        Assert.All(lines, l => Assert.Equal(header.Length, l.Split(',').Length));
        var row = lines[1].Split(',');
        Assert.Equal(["0.5", "0", "467", "934"], row[11..15]);
        Assert.Equal("0.1", row[Array.IndexOf(header, "pose_Rx")]);
        Assert.Equal("", row[Array.IndexOf(header, "iris_left_x")]);
        Assert.Contains("AU12_r", header);
    }

    [Fact]
    public void AuColumnsAreNeverEmptyOnATrackedFaceAndPresenceFollowsTheWrittenIntensity()
    {
        var measured = Face(1);
        measured.AuStatus = ActionUnitStatus.Measured;
        measured.AuValid = ActionUnitSet.All;
        measured.ActionUnits[(int)ActionUnit.AU12] = 0.4951f; // written 0.5: present
        var restarted = Face(2);
        restarted.AuStatus = ActionUnitStatus.ReferenceRestarted;
        restarted.AuValid = ActionUnitSet.Of([ActionUnit.AU04, ActionUnit.AU12]); // a partial model's AUs
        using (var writer = new FramesCsvWriter(Path, extraColumns: [new ActionUnitColumns()]))
        {
            foreach (var (face, index) in new[] { (measured, 0), (restarted, 1) })
            {
                var frame = new FrameAnalysis { Envelope = new FrameEnvelope(index, index * 40.0, 0) };
                frame.Faces.Add(face);
                writer.Write(frame);
            }
            writer.Write(new FrameAnalysis { Envelope = new FrameEnvelope(2, 80, 0) });
            writer.Commit();
        }
        var lines = File.ReadAllLines(Path);
        var header = lines[0].Split(',');
        string Field(int line, string column) => lines[line].Split(',')[Array.IndexOf(header, column)];
        Assert.Equal(("0.5", "1", "measured"), (Field(1, "AU12_r"), Field(1, "AU12_c"), Field(1, "au_status")));
        Assert.Equal(("0", "0", "reference_restarted"), (Field(2, "AU12_r"), Field(2, "AU12_c"), Field(2, "au_status")));
        Assert.Equal("", Field(2, "AU01_r")); // not measured by this model
        Assert.Equal(("", "unavailable"), (Field(3, "AU12_r"), Field(3, "au_status")));
    }

    [Fact]
    public void NothingAppearsUnderTheFinalNameUntilCommitted()
    {
        using (var writer = new FramesCsvWriter(Path))
        {
            writer.Write(new FrameAnalysis());
            Assert.False(File.Exists(Path));
        }
        Assert.False(File.Exists(Path));
        Assert.Empty(AtomicFile.TemporariesOf(Path));
    }
}
