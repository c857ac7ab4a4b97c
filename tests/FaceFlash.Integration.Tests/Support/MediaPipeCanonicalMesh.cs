using System.IO.Compression;
using System.Numerics;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>
/// MediaPipe's canonical face mesh (468 vertices, centimetres, y up, z toward the viewer) read from the Face Landmarker
/// bundle in ../shared: the <c>canonical_mesh</c> (field 1) of <c>geometry_pipeline_metadata_landmarks.binarypb</c>,
/// whose <c>vertex_buffer</c> (field 3) holds x, y, z, u, v per vertex as 32-bit floats.
/// </summary>
public static class MediaPipeCanonicalMesh
{
    public static string Bundle => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "data", "models", "mediapipe", "face_landmarker.task"));

    /// <summary>The vertices; skips the test with a reason when the bundle is absent.</summary>
    public static Vector3[] Read()
    {
        Assert.SkipUnless(File.Exists(Bundle), $"the MediaPipe Face Landmarker bundle is not available at {Bundle}");
        using var zip = ZipFile.OpenRead(Bundle);
        using var stream = zip.GetEntry("geometry_pipeline_metadata_landmarks.binarypb")!.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var mesh = Fields(memory.ToArray()).Single(f => f.Number == 1).Bytes;
        var floats = Fields(mesh).Where(f => f.Number == 3)
            .SelectMany(f => Enumerable.Range(0, f.Bytes.Length / 4).Select(i => BitConverter.ToSingle(f.Bytes, 4 * i))).ToArray();
        return Enumerable.Range(0, floats.Length / 5).Select(v => new Vector3(floats[5 * v], floats[5 * v + 1], floats[5 * v + 2])).ToArray();
    }

    /// <summary>Protocol-buffer fields: varints are skipped, fixed32 and length-delimited values kept as bytes (packed or not).</summary>
    private static IEnumerable<(int Number, byte[] Bytes)> Fields(byte[] data)
    {
        var i = 0;
        ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[i++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return value;
            }
        }
        while (i < data.Length)
        {
            var key = Varint();
            var (number, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: i += 8; break;
                case 2:
                    var length = (int)Varint();
                    yield return (number, data[i..(i + length)]);
                    i += length;
                    break;
                case 5:
                    yield return (number, data[i..(i + 4)]);
                    i += 4;
                    break;
                default: throw new InvalidDataException($"wire type {wire} at byte {i}");
            }
        }
    }
}
