using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Tests.Output;

public sealed class OpenFaceCsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-openface-").FullName;
    private string Path => System.IO.Path.Combine(_dir, "clip.openface.csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheHeaderIsOpenFace22sColumnForColumn()
    {
        var h = OpenFaceCsvWriter.Header;
        Assert.Equal(714, h.Count); // FeatureExtraction's full output
        Assert.Equal(["frame", "face_id", "timestamp", "confidence", "success", "gaze_0_x", "gaze_0_y", "gaze_0_z",
            "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x", "gaze_angle_y", "eye_lmk_x_0"], h.Take(14));
        Assert.Equal("eye_lmk_x_55", h[13 + 55]);
        Assert.Equal("eye_lmk_Z_55", h[13 + 5 * 56 - 1]);
        Assert.Equal("pose_Tx", h[293]);
        Assert.Equal("x_0", h[299]);
        Assert.Equal("Z_67", h[299 + 5 * 68 - 1]);
        Assert.Equal(["p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty", "p_0"], h.Skip(639).Take(7));
        Assert.Equal("p_33", h[678]);
        Assert.Equal(["AU01_r", "AU02_r", "AU04_r"], h.Skip(679).Take(3));
        Assert.Equal(["AU26_r", "AU45_r", "AU01_c"], h.Skip(694).Take(3));
        Assert.Equal(["AU25_c", "AU26_c", "AU28_c", "AU45_c"], h.Skip(710));
    }

    [Fact]
    public void RowsUseOpenFacesSeparatorsAndAnUntrackedFrameIsZeros()
    {
        var face = new FaceObservation { FaceId = 3, Success = true, Confidence = 0.97f, Pose = new HeadPose(12.34f, -5.67f, 500, 0.1234f, -0.2344f, 0.0456f) };
        for (var i = 0; i < face.Landmarks.Length; i++) face.Landmarks[i] = new Vector3(300 + i % 40, 200 + i / 40f, 0);
        face.RightIris = new Vector2(305, 210);
        face.LeftIris = new Vector2(330, 210);
        face.AuStatus = ActionUnitStatus.Measured;
        face.AuValid = ActionUnitSet.All;
        face.ActionUnits[(int)ActionUnit.AU12] = 1.234f;
        var tracked = new FrameAnalysis { Envelope = new FrameEnvelope(0, 40, 0) };
        tracked.Faces.Add(face);
        using (var writer = new OpenFaceCsvWriter(Path, new CameraIntrinsics().For(640, 480)))
        {
            writer.Write(tracked);
            writer.Write(new FrameAnalysis { Envelope = new FrameEnvelope(1, 80, 0) });
            writer.Commit();
        }
        var lines = File.ReadAllLines(Path);
        Assert.StartsWith("frame, face_id, timestamp, confidence, success, gaze_0_x", lines[0]);
        var header = lines[0].Split(", ");
        var row = lines[1].Split(", ");
        var empty = lines[2].Split(", ");
        Assert.Equal(714, row.Length);
        Assert.Equal(["1", "3", "0.04", "0.97", "1"], row[..5]);
        Assert.Equal(["12.3", "-5.7", "500", "0.123", "-0.234", "0.046"], row[Array.IndexOf(header, "pose_Tx")..(Array.IndexOf(header, "pose_Rz") + 1)]);
        var chin = face.Landmarks[Ibug68.MeshIndex[8]];
        Assert.Equal([chin.X.ToString("0.#"), chin.Y.ToString("0.#"), "500"], new[] { "x_8", "y_8", "Z_8" }.Select(n => row[Array.IndexOf(header, n)]));
        Assert.All(header.Where(n => n.StartsWith("gaze_0_", StringComparison.Ordinal)), n => Assert.InRange(double.Parse(row[Array.IndexOf(header, n)]), -1, 1));
        Assert.Equal("1.23", row[Array.IndexOf(header, "AU12_r")]);
        Assert.Equal("1", row[Array.IndexOf(header, "AU12_c")]);
        Assert.Equal("0", row[Array.IndexOf(header, "AU28_c")]);
        Assert.All(header.Where(n => n.StartsWith("p_", StringComparison.Ordinal)), n => Assert.Equal("", row[Array.IndexOf(header, n)]));
        Assert.Equal(714, empty.Length);
        Assert.Equal(["2", "0", "0.08", "0", "0"], empty[..5]);
        Assert.All(empty[5..], v => Assert.Equal("0", v));
    }

    [Fact]
    public void AFaceTrackedWithoutAusLeavesTheAuColumnsEmpty()
    {
        var face = new FaceObservation { FaceId = 1, Success = true, Confidence = 0.9f, Pose = new HeadPose(0, 0, 500, 0, 0, 0), AuStatus = ActionUnitStatus.Unavailable, AuValid = ActionUnitSet.All };
        for (var i = 0; i < face.Landmarks.Length; i++) face.Landmarks[i] = new Vector3(300 + i % 40, 200 + i / 40f, 0);
        face.ActionUnits[(int)ActionUnit.AU12] = 2;
        var frame = new FrameAnalysis { Envelope = new FrameEnvelope(0, 0, 0) };
        frame.Faces.Add(face);
        using (var writer = new OpenFaceCsvWriter(Path, new CameraIntrinsics().For(640, 480)))
        {
            writer.Write(frame);
            writer.Commit();
        }
        var lines = File.ReadAllLines(Path);
        var (header, row) = (lines[0].Split(", "), lines[1].Split(", "));
        Assert.Equal("1", row[4]);
        Assert.All(header.Where(n => n.StartsWith("AU", StringComparison.Ordinal) && n != "AU28_c"), n => Assert.Equal("", row[Array.IndexOf(header, n)]));
    }
}
