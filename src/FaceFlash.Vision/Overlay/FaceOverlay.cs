using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Vision.Overlay;

/// <summary>Draws what was found on a frame: face box and id, landmark mesh, iris centres.</summary>
public static class FaceOverlay
{
    public static readonly Scalar BoxColour = new(0, 220, 255);
    public static readonly Scalar MeshColour = new(80, 255, 80);
    public static readonly Scalar IrisColour = new(255, 80, 255);

    /// <param name="scale">image pixels per frame pixel (the overlay may be drawn on an enlarged copy)</param>
    public static void Draw(Mat image, FaceObservation face, bool mesh, float scale = 1)
    {
        if (!face.Success) return;
        var b = face.Box;
        Point P(float x, float y) => new((int)(x * scale), (int)(y * scale));
        Cv2.Rectangle(image, new Rect(P(b.X, b.Y), new Size((int)(b.Width * scale), (int)(b.Height * scale))), BoxColour, 2);
        Cv2.PutText(image, $"face {face.FaceId}", P(b.X, b.Y) + new Point(0, -6), HersheyFonts.HersheySimplex, 0.5, BoxColour, 1, LineTypes.AntiAlias);
        if (mesh)
            foreach (var p in face.Landmarks)
                Cv2.Circle(image, P(p.X, p.Y), 1, MeshColour, -1);
        if (float.IsNaN(face.RightIris.X)) return;
        Cv2.Circle(image, P(face.RightIris.X, face.RightIris.Y), 2, IrisColour, -1);
        Cv2.Circle(image, P(face.LeftIris.X, face.LeftIris.Y), 2, IrisColour, -1);
    }
}
