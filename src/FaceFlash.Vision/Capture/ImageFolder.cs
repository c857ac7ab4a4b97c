using System.Globalization;
using System.Text.RegularExpressions;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// A dataset's image-sequence folder (CASME II's <c>img1.jpg … img150.jpg</c>, SAMM's <c>006_1_2_0001.jpg …</c>) read
/// as one video: its images in natural order (numbers compared as numbers, so <c>img10</c> follows <c>img9</c>).
/// </summary>
public sealed partial class ImageFolder
{
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp",
    };

    private readonly string[] _files;

    /// <summary>The next image to read.</summary>
    public int Position { get; private set; }

    public int Count => _files.Length;
    public int Width { get; }
    public int Height { get; }

    /// <summary>The number in the first image's name (<c>img46.jpg</c> → 46), which coding tables count frames by; null without one.</summary>
    public long? FirstNumber { get; }

    /// <summary>Each image's place in the sequence, from its first (see <see cref="Place"/>).</summary>
    private readonly long[] _places;

    private ImageFolder(string[] files, int width, int height)
    {
        _files = files;
        (Width, Height) = (width, height);
        var numbers = files.Select(NumberIn).ToArray();
        FirstNumber = numbers[0];
        // Numbered images are placed by their numbers, so an image missing from the folder leaves its place empty:
        // those after it keep the times and frame numbers the dataset gives them. Images whose numbers do not rise
        // one by one for the most part (names that are capture times in milliseconds) are placed in their order.
        var steps = numbers.Zip(numbers.Skip(1), (a, b) => b - a).ToArray();
        var byNumber = numbers.All(n => n is not null) && steps.All(s => s > 0) && steps.Count(s => s == 1) * 2 >= steps.Length;
        _places = byNumber ? [.. numbers.Select(n => n!.Value - numbers[0]!.Value)] : [.. Enumerable.Range(0, files.Length).Select(i => (long)i)];
    }

    /// <summary>The last place in the sequence (its first is 0).</summary>
    public long LastPlace => _places[^1];

    private static long? NumberIn(string file) =>
        Digits().Matches(Path.GetFileNameWithoutExtension(file)).LastOrDefault() is { } last
        && long.TryParse(last.Value, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>
    /// The place in the sequence of the image at <paramref name="position"/> (0-based, in natural order): its number
    /// less the first image's, for a numbered sequence (<c>img59.jpg</c>, <c>img62.jpg</c> → 13, 16 from img46), so it
    /// is the image's frame number in the dataset's counting, from 0, and sets its time; else its position.
    /// </summary>
    public long Place(int position) => _places[position];

    /// <summary>
    /// Images the numbering skips among places <paramref name="fromPlace"/> to <paramref name="toPlace"/> (all of the
    /// sequence, or the part analysed): places with no image, and the image before the first of them.
    /// </summary>
    public (long Count, string? FirstAfter) Missing(long fromPlace, long toPlace)
    {
        var (count, firstAfter) = (0L, (string?)null);
        for (var i = 0; i + 1 < _places.Length; i++)
        {
            // The places between two images, as far as they lie in the stretch.
            var lacking = Math.Min(_places[i + 1] - 1, toPlace) - Math.Max(_places[i] + 1, fromPlace) + 1;
            if (lacking <= 0) continue;
            count += lacking;
            firstAfter ??= Path.GetFileName(_files[i]);
        }
        return (count, firstAfter);
    }

    /// <summary>Whether a folder holds an image sequence: at least two images directly in it.</summary>
    public static bool IsSequence(string directory) =>
        Directory.Exists(directory) && HoldsSequence(Directory.EnumerateFiles(directory));

    /// <summary>Whether a folder's files, as listed, make an image sequence.</summary>
    public static bool HoldsSequence(IEnumerable<string> files) => files.Where(IsImage).Take(2).Count() == 2;

    /// <summary>
    /// Opens a folder of images, or the images a printf pattern names (<c>frames/%05d.png</c>); null when there is
    /// none or the first cannot be decoded.
    /// </summary>
    public static ImageFolder? Open(string folderOrPattern)
    {
        var files = Files(folderOrPattern);
        if (files.Length == 0) return null;
        using var first = Cv2.ImRead(files[0], ImreadModes.Color);
        return first.Empty() ? null : new ImageFolder(files, first.Width, first.Height);
    }

    /// <summary>
    /// Whether an input names an image sequence by a printf pattern (<c>img%d.jpg</c>, <c>frames/%05d.png</c>). A file or
    /// folder of that very name is itself (<c>50% speed.mp4</c>, <c>clip_%d.mp4</c>), and so is a URL (<c>%3d</c> escapes).
    /// </summary>
    public static bool IsPattern(string spec) =>
        !VideoSource.IsUrl(spec) && !Path.Exists(spec) && Directive().Matches(spec).Any(m => m.Value != "%%");

    /// <summary>
    /// The images of a folder, or those a printf pattern names (<c>%d</c>, <c>%05d</c>: the frame number, from whatever
    /// number the first image has — OpenCV's own reader looks for a first image numbered 0 to 4), in natural order.
    /// </summary>
    public static string[] Files(string folderOrPattern)
    {
        if (!IsPattern(folderOrPattern)) return [.. Images(folderOrPattern).Order(NaturalOrder.Instance)];
        var directory = Path.GetDirectoryName(folderOrPattern) is { Length: > 0 } d ? d : ".";
        if (!Directory.Exists(directory)) return [];
        var name = new Regex("^" + Directive().Replace(Regex.Escape(Path.GetFileName(folderOrPattern)), m => m.Value == "%%" ? "%" : @"\d+") + "$");
        return [.. Directory.EnumerateFiles(directory).Where(f => name.IsMatch(Path.GetFileName(f))).Order(NaturalOrder.Instance)];
    }

    [GeneratedRegex(@"%%|%0?\d*d")]
    private static partial Regex Directive();

    /// <summary>The image at <paramref name="place"/> in the sequence (see <see cref="Place"/>), decodable or not; null where there is none.</summary>
    public string? FileAt(long place) => Array.BinarySearch(_places, place) is var i and >= 0 ? _files[i] : null;

    /// <summary>The image at <paramref name="place"/> as the analysis saw it (8-bit BGR); empty when there is none or it cannot be decoded.</summary>
    public Mat ImageAt(long place)
    {
        var frame = new Mat();
        if (FileAt(place) is { } file)
        {
            using var image = Read(file);
            if (!image.Empty()) ToSequenceSize(image, frame);
        }
        return frame;
    }

    /// <summary>Copies an image into <paramref name="frame"/> at the sequence's size (its first image's); false when it had another.</summary>
    private bool ToSequenceSize(Mat image, Mat frame)
    {
        if (image.Width == Width && image.Height == Height)
        {
            image.CopyTo(frame);
            return true;
        }
        Cv2.Resize(image, frame, new Size(Width, Height), interpolation: InterpolationFlags.Area);
        return false;
    }

    /// <summary>Images that could not be decoded and were passed over.</summary>
    public long Unreadable { get; private set; }

    /// <summary>
    /// Images whose size differs from the first's, and the first of them. A sequence is one camera's frames; an image of
    /// another size is scaled to the first's, as the tracker and the AU reference need one frame size (left as it is,
    /// a face tracked on into it reads the change of scale as movement).
    /// </summary>
    public int Resized { get; private set; }

    public string? FirstResized { get; private set; }

    /// <summary>
    /// Forgets the undecodable and resized images read so far: they were passed over before the part analysed
    /// (<c>analyze --from</c>), which they are no part of.
    /// </summary>
    public void PassedOver() => (Unreadable, Resized, FirstResized) = (0, 0, null);

    /// <summary>Reads the next decodable image into <paramref name="frame"/>; false at the end.</summary>
    public bool Next(Mat frame)
    {
        while (Position < _files.Length)
        {
            using var image = Read(_files[Position++]);
            if (image.Empty())
            {
                Unreadable++;
                continue;
            }
            if (!ToSequenceSize(image, frame) && Resized++ == 0) FirstResized = $"{Path.GetFileName(_files[Position - 1])}, {image.Width} × {image.Height}";
            return true;
        }
        return false;
    }

    /// <summary>The scale that brings this sequence's 16-bit images to 8 bits, fixed by its first (see <see cref="Read"/>).</summary>
    private double? _sixteenBitScale;

    /// <summary>
    /// An image as 8-bit BGR. High-speed and scientific cameras store 10- or 12-bit samples in 16-bit TIFF or PNG:
    /// OpenCV's colour read keeps their top 8 bits, so 12-bit data became 0–15 — sixteen grey levels for the flow to
    /// measure movements of a pixel with. Such an image is scaled by the bit depth its first image's brightest sample
    /// needs (3 968 → 12 bits → 255/4095), the same for the whole sequence, so brightness does not flicker.
    /// </summary>
    private Mat Read(string file)
    {
        var image = Cv2.ImRead(file, ImreadModes.AnyDepth | ImreadModes.AnyColor);
        if (image.Empty() || image.Depth() == MatType.CV_8U && image.Channels() == 3) return image;
        using var source = image;
        var eight = new Mat();
        if (source.Depth() == MatType.CV_16U)
        {
            if (_sixteenBitScale is null)
            {
                using var samples = source.Reshape(1); // all channels as one, for the brightest sample
                samples.MinMaxLoc(out double _, out double brightest);
                _sixteenBitScale = 255.0 / (Math.Pow(2, Math.Max(8, Math.Ceiling(Math.Log2(brightest + 1)))) - 1);
            }
            source.ConvertTo(eight, MatType.CV_8U, _sixteenBitScale.Value);
        }
        else source.ConvertTo(eight, MatType.CV_8U);
        if (eight.Channels() != 3) Cv2.CvtColor(eight, eight, eight.Channels() == 1 ? ColorConversionCodes.GRAY2BGR : ColorConversionCodes.BGRA2BGR);
        return eight;
    }

    /// <summary>
    /// A folder's images. Hidden files are none of them: a folder copied from a Mac holds a <c>._img46.jpg</c> of
    /// metadata beside each image, which would count as an undecodable frame and take a frame's place in time.
    /// </summary>
    private static IEnumerable<string> Images(string directory) => Directory.EnumerateFiles(directory).Where(IsImage);

    private static bool IsImage(string file) => ImageExtensions.Contains(Path.GetExtension(file)) && !IsHidden(file);

    /// <summary>
    /// A hidden file or folder (its name starts with a dot), never part of the data: a Mac's <c>._clip.mp4</c> beside
    /// each file on a shared drive is metadata, and <c>.Trash-1000</c> holds deleted files.
    /// </summary>
    public static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    /// <summary>Compares names with their runs of digits as numbers.</summary>
    private sealed partial class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (a, b) = (Parts().Matches(x ?? ""), Parts().Matches(y ?? ""));
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var (p, q) = (a[i].Value, b[i].Value);
                var c = char.IsDigit(p[0]) && char.IsDigit(q[0]) ? CompareNumbers(p.TrimStart('0'), q.TrimStart('0')) : string.CompareOrdinal(p, q);
                if (c != 0) return c;
            }
            return a.Count.CompareTo(b.Count) is var n and not 0 ? n : string.CompareOrdinal(x, y);
        }

        /// <summary>Digit runs of any length, leading zeros removed: the longer is larger, else the first differing digit decides.</summary>
        private static int CompareNumbers(string p, string q) => p.Length != q.Length ? p.Length.CompareTo(q.Length) : string.CompareOrdinal(p, q);

        [GeneratedRegex(@"\d+|\D+")]
        private static partial Regex Parts();
    }
}
