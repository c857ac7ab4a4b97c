using OpenCvSharp;

namespace FaceFlash.Vision.Overlay;

/// <summary>Keys the live window understands.</summary>
public enum OverlayKey { Quit, Pause, Mesh, Record, Rebase, Mark }

/// <summary>
/// The live window (OpenCV highgui): one thread of its own shows the newest rendered frame and reads keys — q or Esc
/// quit, space pause, m mesh, r record, b re-baseline — so the pipeline never waits for the screen. Frames are handed
/// over through a single slot: a frame not yet shown is replaced by a newer one.
/// </summary>
public sealed class OverlayWindow : IDisposable
{
    public const string Title = "FaceFlash";
    private readonly Thread _thread;
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _ready = new();
    private Mat _pending = new();
    private Mat _showing = new();
    private bool _hasPending;
    private volatile bool _closing;

    public OverlayWindow(Action<OverlayKey> onKey)
    {
        _thread = new Thread(() => Loop(onKey)) { IsBackground = true, Name = "overlay window" };
        _thread.Start();
        _opened.Wait(TimeSpan.FromSeconds(10)); // the window toolkit starts before the first frame, not during it
    }

    private readonly ManualResetEventSlim _opened = new();

    /// <summary>Hands a rendered frame to the window (copied; the caller keeps its Mat).</summary>
    public void Show(Mat rendered)
    {
        lock (_lock)
        {
            rendered.CopyTo(_pending);
            _hasPending = true;
        }
        _ready.Set();
    }

    private void Loop(Action<OverlayKey> onKey)
    {
        Cv2.NamedWindow(Title, WindowFlags.AutoSize);
        Cv2.WaitKey(1);
        _opened.Set();
        while (!_closing)
        {
            _ready.Wait(15);
            _ready.Reset();
            var fresh = false;
            lock (_lock)
            {
                if (_hasPending)
                {
                    (_pending, _showing) = (_showing, _pending);
                    _hasPending = false;
                    fresh = true;
                }
            }
            if (fresh) Cv2.ImShow(Title, _showing);
            var key = Cv2.WaitKey(1);
            switch (key & 0xFF)
            {
                case 'q' or 27: onKey(OverlayKey.Quit); break;
                case ' ': onKey(OverlayKey.Pause); break;
                case 'm': onKey(OverlayKey.Mesh); break;
                case 'r': onKey(OverlayKey.Record); break;
                case 'b': onKey(OverlayKey.Rebase); break;
                case 'k': onKey(OverlayKey.Mark); break;
            }
        }
        Cv2.DestroyWindow(Title);
        Cv2.WaitKey(1);
    }

    public void Dispose()
    {
        _closing = true;
        _ready.Set();
        _thread.Join(TimeSpan.FromSeconds(5));
        _pending.Dispose();
        _showing.Dispose();
        _ready.Dispose();
        _opened.Dispose();
    }
}
