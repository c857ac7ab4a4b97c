using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Vision.Overlay;

/// <summary>Draws what was found on a frame: face box and id, landmark mesh, iris centres.</summary>
public static class FaceOverlay
{
    public static readonly Scalar BoxColour = new(0, 220, 255);
    public static readonly Scalar MeshColour = new(80, 255, 80);
    public static readonly Scalar IrisColour = new(255, 80, 255);

    public static void Draw(Mat image, FaceObservation face, bool mesh)
    {
        if (!face.Success) return;
        var b = face.Box;
        Cv2.Rectangle(image, new Rect((int)b.X, (int)b.Y, (int)b.Width, (int)b.Height), BoxColour, 2);
        Cv2.PutText(image, $"face {face.FaceId}", new Point((int)b.X, (int)b.Y - 6), HersheyFonts.HersheySimplex, 0.5, BoxColour, 1, LineTypes.AntiAlias);
        if (mesh)
            foreach (var p in face.Landmarks)
                Cv2.Circle(image, new Point((int)p.X, (int)p.Y), 1, MeshColour, -1);
        if (float.IsNaN(face.RightIris.X)) return;
        Cv2.Circle(image, new Point((int)face.RightIris.X, (int)face.RightIris.Y), 2, IrisColour, -1);
        Cv2.Circle(image, new Point((int)face.LeftIris.X, (int)face.LeftIris.Y), 2, IrisColour, -1);
    }
}
